import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLambdaContext, newLogStreamName } from '@ocop-sync/local-queues';
import type { HttpRoute } from '@ocop-sync/routing';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { HANDLER_LOAD_FAILED, LOCAL_REGION } from './constants.js';
import { importRouteHandler, type LambdaFunction } from './handler-loader.js';

/** API Gateway's payload limit for HTTP APIs (10 MB); larger bodies are refused before the function runs. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpGateway {
  /** `http://127.0.0.1:PORT`; a route key `POST /webhooks/shopee` is served at `${url}/webhooks/shopee`. */
  readonly url: string;
  close(): Promise<void>;
}

export interface HttpGatewayOptions {
  /** Extra environment for the HTTP functions, from the gateway's own URL (known once it listens). */
  environment?: (url: string) => Readonly<Record<string, string>>;
}

/** A route key taken apart: `ANY /v1/{proxy+}` → method `ANY`, segments `v1`, `{proxy+}`. */
export interface ParsedRouteKey {
  readonly routeKey: string;
  readonly method: string;
  readonly segments: readonly string[];
}

interface Target {
  key: ParsedRouteKey;
  route: HttpRoute;
  handler: LambdaFunction;
}

export function parseRouteKey(routeKey: string): ParsedRouteKey {
  const [method = '', path = ''] = routeKey.split(' ');
  return { routeKey, method, segments: path.split('/').slice(1) };
}

/**
 * Matches a request path against a route key as API Gateway HTTP APIs do: literal segments, `{name}` for one
 * segment, a last `{name+}` for the rest of the path (one segment or more); `ANY` for every method. Path
 * parameters are the raw (still percent-encoded) segments, as API Gateway passes them.
 */
export function matchRouteKey(
  key: ParsedRouteKey,
  method: string,
  path: string,
): Record<string, string> | undefined {
  if (key.method !== 'ANY' && key.method !== method) return undefined;
  const segments = path.split('/').slice(1);
  const parameters: Record<string, string> = {};
  for (const [index, part] of key.segments.entries()) {
    const greedy = /^\{([A-Za-z0-9_]+)\+\}$/.exec(part)?.[1];
    if (greedy !== undefined) {
      const rest = segments.slice(index).join('/');
      if (rest === '') return undefined;
      parameters[greedy] = rest;
      return parameters;
    }
    const segment = segments[index];
    if (segment === undefined) return undefined;
    const name = /^\{([A-Za-z0-9_]+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      if (part !== segment) return undefined;
    } else if (segment === '') return undefined;
    else parameters[name] = segment;
  }
  return segments.length === key.segments.length ? parameters : undefined;
}

/** API Gateway prefers the most specific route: literal over `{param}` over `{proxy+}`, a method over ANY. */
function specificity(key: ParsedRouteKey): number {
  const greedy = key.segments.some((part) => part.endsWith('+}'));
  const literals = key.segments.filter((part) => !part.startsWith('{')).length;
  return (greedy ? 0 : 10_000) + literals * 10 + (key.method === 'ANY' ? 0 : 1);
}

function selectRoute(
  targets: readonly Target[],
  method: string,
  path: string,
): { target: Target; pathParameters: Record<string, string> } | undefined {
  for (const target of targets) {
    const pathParameters = matchRouteKey(target.key, method, path);
    if (pathParameters !== undefined) return { target, pathParameters };
  }
  return undefined;
}

/** What a function may return to an HTTP API (payload format 2.0): a structured result, or any JSON value. */
const structuredResult = z.object({
  statusCode: z.number().int(),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
});

/**
 * A local stand-in for the HTTP API the CDK stack puts in front of the routing table's HTTP routes: each route
 * key invokes its function with an API Gateway payload-format-2.0 event, as Lambda proxy integration does.
 * `x-forwarded-proto` says `http`, which is what a handler must use to rebuild the URL a caller signed.
 */
export async function startHttpGateway(
  routes: readonly HttpRoute[],
  instance: string,
  options: HttpGatewayOptions = {},
): Promise<HttpGateway> {
  const handlers: Target[] = [];
  const server = createServer((request, response) => {
    serve(handlers, request, response).catch((error: unknown) => {
      // The function threw (API Gateway answers 500 "Internal Server Error" then).
      process.stderr.write(`  ! http gateway: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!response.headersSent) respond(response, 500, { message: 'Internal Server Error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // Listening first: a function may need the API's own URL in its environment (e.g. OAuth redirect targets).
  const extra = options.environment?.(url) ?? {};
  for (const route of routes) {
    const handler = await importOrFailing(
      { ...route, environment: { ...route.environment, ...extra } },
      instance,
    );
    for (const routeKey of route.routeKeys) handlers.push({ key: parseRouteKey(routeKey), route, handler });
  }
  handlers.sort((left, right) => specificity(right.key) - specificity(left.key));
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A function that cannot load answers 500 with the reason, as a Lambda whose init fails; the stack stays up. */
async function importOrFailing(route: HttpRoute, instance: string): Promise<LambdaFunction> {
  try {
    return await importRouteHandler(route, route.environment, `${instance}-http`);
  } catch (error) {
    const reason = `${HANDLER_LOAD_FAILED}: ${error instanceof Error ? error.message : String(error)}`;
    return async () => {
      throw new Error(reason);
    };
  }
}

async function serve(
  handlers: readonly Target[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const found = selectRoute(handlers, request.method ?? 'GET', url.pathname);
  if (found === undefined) return respond(response, 404, { message: 'Not Found' });
  const { target, pathParameters } = found;
  const body = await readBody(request);
  if (body === undefined) return respond(response, 413, { message: 'Request Entity Too Large' });
  const event = toGatewayEvent(request, url, target.key.routeKey, body, pathParameters);
  const context = createLambdaContext({
    functionName: target.route.name,
    region: LOCAL_REGION,
    memoryLimitInMB: target.route.memoryMb,
    awsRequestId: randomUUID(),
    deadline: Date.now() + target.route.timeoutSeconds * 1000,
    logStreamName: newLogStreamName(),
  });
  const result = await target.handler(event, context);
  const structured = structuredResult.safeParse(result);
  if (!structured.success) return respond(response, 200, result ?? null);
  const { statusCode, headers = {}, body: resultBody = '', isBase64Encoded } = structured.data;
  response.writeHead(
    statusCode,
    Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])),
  );
  response.end(isBase64Encoded ? Buffer.from(resultBody, 'base64') : resultBody);
}

function toGatewayEvent(
  request: IncomingMessage,
  url: URL,
  routeKey: string,
  body: Buffer,
  pathParameters: Record<string, string>,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  headers['x-forwarded-proto'] = 'http';
  const now = new Date();
  const host = headers.host ?? 'localhost';
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(Object.keys(pathParameters).length === 0 ? {} : { pathParameters }),
    // Bodies are passed as base64 so the function verifies signatures on the exact bytes received.
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function respond(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
