import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { CapacityEstimator } from './dynamodb-capacity.js';

/** Where a request went, by the port of the local endpoint that served it. */
export type Destination = string;

export interface RequestCounts {
  /** Requests per destination label (`DynamoDB`, `Shopee sandbox`, …, or `host:port` for anything else). */
  readonly byDestination: ReadonlyMap<Destination, number>;
  /** DynamoDB requests per X-Amz-Target action (`GetItem`, `TransactWriteItems`, …). */
  readonly dynamoDbActions: ReadonlyMap<string, number>;
  /** Marketplace requests per destination and API path (`Shopee sandbox POST /api/v2/product/add_item`). */
  readonly marketplaceCalls: ReadonlyMap<string, number>;
  /** EventBridge / SQS actions (`PutEvents`, `SendMessage`, …). */
  readonly awsActions: ReadonlyMap<string, number>;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly itemsWritten: number;
  /** DynamoDB requests on `LOCAL-SECRET#…` items: Secrets Manager calls in the cloud (reads, then writes). */
  readonly localSecretReads: number;
  readonly localSecretWrites: number;
}

export interface RequestCounter {
  /** The counts since the last `take()` (or since start), and starts counting afresh. */
  take(): RequestCounts;
  stop(): void;
}

export interface CounterOptions {
  /** Port → label, e.g. the DynamoDB Local port → `DynamoDB`. */
  readonly labels: ReadonlyMap<string, string>;
  /** Labels of the marketplace sandboxes (their API paths are counted too). */
  readonly marketplaces: ReadonlySet<string>;
  /** The label of DynamoDB (its bodies are read for the capacity estimate). */
  readonly dynamoDb: string;
  /** The label for DynamoDB requests on `LOCAL-SECRET#…` items (Secrets Manager in the cloud). */
  readonly localSecret: string;
}

/** The `port` of a URL (with the scheme's default when absent). */
export const portOf = (url: string): string => {
  const parsed = new URL(url);
  return parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
};

const increment = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/**
 * Counts every outgoing HTTP request of this process through `node:diagnostics_channel`: node:http's
 * `http.client.request.created` (the AWS SDK's NodeHttpHandler, the webhook transport; published before
 * the body is written, unlike `http.client.request.start`, so the body can be read) and undici's
 * `undici:request:create` (global fetch: the marketplace adapters' http-client.ts). The local stack runs
 * every handler in this process, so this sees all their traffic.
 */
export function startRequestCounter(options: CounterOptions): RequestCounter {
  const capacity = new CapacityEstimator();
  let counts = emptyCounts();

  const record = (port: string, host: string, method: string, path: string) => {
    const label = options.labels.get(port) ?? `${host}:${port}`;
    increment(counts.byDestination, label);
    if (options.marketplaces.has(label))
      increment(counts.marketplaceCalls, `${label} ${method} ${path.split('?')[0] ?? path}`);
    return label;
  };

  const onHttp = (message: unknown) => {
    const request = requestOf(message);
    if (request === undefined) return;
    const port = String(request.socket?.remotePort ?? portFromHost(request));
    const label = record(port, request.host, request.method, request.path);
    const target = request.getHeader('x-amz-target');
    const action = typeof target === 'string' ? (target.split('.').pop() ?? target) : undefined;
    if (label !== options.dynamoDb) {
      if (action !== undefined) increment(counts.awsActions, `${label} ${action}`);
      return;
    }
    const dynamoAction = action ?? 'unknown';
    // The body is only known when the SDK ends the request: read it there for the capacity estimate.
    const chunks: string[] = [];
    const write = request.write.bind(request);
    const end = request.end.bind(request);
    const owner = counts;
    request.write = ((chunk: unknown, ...rest: never[]) => {
      chunks.push(textOf(chunk));
      return write(chunk as string, ...rest);
    }) as typeof request.write;
    request.end = ((chunk?: unknown, ...rest: never[]) => {
      if (chunk !== undefined && typeof chunk !== 'function') chunks.push(textOf(chunk));
      const estimate = capacity.estimate(dynamoAction, chunks.join(''));
      if (estimate.localSecret) {
        if (estimate.itemsWritten > 0) owner.localSecretWrites += 1;
        else owner.localSecretReads += 1;
        increment(owner.byDestination, options.dynamoDb, -1);
        increment(owner.byDestination, options.localSecret);
      } else {
        increment(owner.dynamoDbActions, dynamoAction);
        owner.readUnits += estimate.readUnits;
        owner.writeUnits += estimate.writeUnits;
        owner.itemsWritten += estimate.itemsWritten;
      }
      return end(chunk as string, ...rest);
    }) as typeof request.end;
  };

  const onUndici = (message: unknown) => {
    const request = undiciRequestOf(message);
    if (request === undefined) return;
    const origin = new URL(request.origin);
    record(portOf(origin.href), origin.hostname, request.method, request.path);
  };

  subscribe('http.client.request.created', onHttp);
  subscribe('undici:request:create', onUndici);
  return {
    take() {
      const taken = counts;
      counts = emptyCounts();
      return taken;
    },
    stop() {
      unsubscribe('http.client.request.created', onHttp);
      unsubscribe('undici:request:create', onUndici);
    },
  };
}

interface MutableCounts {
  byDestination: Map<string, number>;
  dynamoDbActions: Map<string, number>;
  marketplaceCalls: Map<string, number>;
  awsActions: Map<string, number>;
  readUnits: number;
  writeUnits: number;
  itemsWritten: number;
  localSecretReads: number;
  localSecretWrites: number;
}

function emptyCounts(): MutableCounts {
  return {
    byDestination: new Map(),
    dynamoDbActions: new Map(),
    marketplaceCalls: new Map(),
    awsActions: new Map(),
    readUnits: 0,
    writeUnits: 0,
    itemsWritten: 0,
    localSecretReads: 0,
    localSecretWrites: 0,
  };
}

function requestOf(message: unknown): ClientRequest | undefined {
  if (message === null || typeof message !== 'object') return undefined;
  const request: unknown = Reflect.get(message, 'request');
  return request !== null && typeof request === 'object' && 'getHeader' in request
    ? (request as ClientRequest)
    : undefined;
}

/** The port a ClientRequest was opened to (before its socket exists): from its agent-facing Host header. */
function portFromHost(request: ClientRequest): string {
  const host = request.getHeader('host');
  const match = typeof host === 'string' ? /:(\d+)$/.exec(host) : null;
  return match?.[1] ?? (request.protocol === 'https:' ? '443' : '80');
}

function undiciRequestOf(message: unknown): { origin: string; method: string; path: string } | undefined {
  if (message === null || typeof message !== 'object') return undefined;
  const request: unknown = Reflect.get(message, 'request');
  if (request === null || typeof request !== 'object') return undefined;
  const origin: unknown = Reflect.get(request, 'origin');
  const method: unknown = Reflect.get(request, 'method');
  const path: unknown = Reflect.get(request, 'path');
  if (typeof method !== 'string' || typeof path !== 'string') return undefined;
  const originText = typeof origin === 'string' ? origin : origin instanceof URL ? origin.href : undefined;
  return originText === undefined ? undefined : { origin: originText, method, path };
}

function textOf(chunk: unknown): string {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk).toString('utf8');
  return '';
}
