import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import type { EventBus } from './bus.js';
import { InvalidEventPatternError, PutEventsValidationError } from './errors.js';
import { compileEventPattern } from './matcher.js';
import { isPlainObject } from './pattern-types.js';
import { ReplayApiError, replayOperations } from './replay-operations.js';
import { putEventsRequestSchema, testEventPatternRequestSchema } from './wire-schemas.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AWSEvents.';
/** Generous: AWS caps entries at 256 KB in total, and JSON escaping can double that. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** TestEventPattern needs an event with these fields (API reference, TestEventPattern `Event`). */
const REQUIRED_EVENT_FIELDS = [
  'id',
  'account',
  'source',
  'time',
  'region',
  'resources',
  'detail-type',
] as const;

export interface EventBusServerOptions {
  readonly bus: EventBus;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface EventBusServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** An error rendered in AWS JSON 1.1 form: `{ "__type": ..., "message": ... }`. */
class WireError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'WireError';
  }
}

type Operation = (body: unknown, bus: EventBus) => Promise<unknown>;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  PutEvents: async (body, bus) => bus.putEvents(parse(putEventsRequestSchema, body).Entries),
  TestEventPattern: async (body) => {
    const request = parse(testEventPatternRequestSchema, body);
    const pattern = compileEventPattern(request.EventPattern);
    return { Result: pattern.matches(parseTestEvent(request.Event)) };
  },
  ...replayOperations,
};

/**
 * Serves the bus over EventBridge's wire protocol (AWS JSON 1.1 on `POST /`), so the real
 * `@aws-sdk/client-eventbridge` and `aws events ... --endpoint-url` can publish to it. Signatures are not
 * checked: any SigV4 credentials are accepted.
 *
 * @example
 * const server = await startEventBusServer({ bus, port: 0 });
 * const client = new EventBridgeClient({ endpoint: server.url, region: 'ap-southeast-1', credentials });
 */
export async function startEventBusServer(options: EventBusServerOptions): Promise<EventBusServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    void handle(request, response, options.bus);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, bus: EventBus): Promise<void> {
  const requestId = randomUUID();
  try {
    const operation = resolveOperation(request);
    const body = parseJson(await readBody(request));
    send(response, requestId, 200, await operation(body, bus));
  } catch (error) {
    const wire = toWireError(error);
    send(response, requestId, wire.status, { __type: wire.type, message: wire.message });
  }
}

function resolveOperation(request: IncomingMessage): Operation {
  const target = request.headers['x-amz-target'];
  const name =
    typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  const operation = OPERATIONS[name];
  if (request.method !== 'POST' || (request.url ?? '/').split('?')[0] !== '/' || operation === undefined) {
    throw new WireError('UnknownOperationException', `Unknown operation ${String(target ?? request.method)}`);
  }
  return operation;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new WireError('ValidationException', 'Request body is too large.', 413);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? {} : JSON.parse(text);
  } catch {
    throw new WireError('SerializationException', 'Request body is not valid JSON.');
  }
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
    );
    throw new WireError(
      'ValidationException',
      `${problems.length} validation error(s) detected: ${problems.join('; ')}`,
    );
  }
  return result.data;
}

function parseTestEvent(text: string): Record<string, unknown> {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    throw new WireError(
      'ValidationException',
      'Parameter Event is not valid. Reason: Event is not valid JSON.',
    );
  }
  if (!isPlainObject(event)) {
    throw new WireError(
      'ValidationException',
      'Parameter Event is not valid. Reason: Event is not a JSON object.',
    );
  }
  const absent = REQUIRED_EVENT_FIELDS.filter((field) => !(field in event));
  if (absent.length > 0) {
    throw new WireError(
      'ValidationException',
      `Parameter Event is not valid. Reason: Provided Event is missing required field(s): ${absent.join(', ')}`,
    );
  }
  return event;
}

function toWireError(error: unknown): WireError {
  if (error instanceof WireError) {
    return error;
  }
  if (error instanceof InvalidEventPatternError) {
    return new WireError('InvalidEventPatternException', error.message);
  }
  if (error instanceof ReplayApiError) {
    return new WireError(error.type, error.message, error.status);
  }
  if (error instanceof PutEventsValidationError) {
    return new WireError('ValidationException', error.message);
  }
  // Internals stay private: the caller only learns that the service failed.
  return new WireError('InternalException', 'The local event bus failed to process the request.', 500);
}

function send(response: ServerResponse, requestId: string, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  response.end(body);
}
