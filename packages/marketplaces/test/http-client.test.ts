import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Call,
  HttpClient,
  type HttpResponse,
  parseRetryAfter,
  RateLimiter,
  RetryableError,
  TokenBucket,
  type Verdict,
} from '../src/index.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
let handler: Handler = (_request, response) => response.end('ok');
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A client whose waits are recorded instead of slept, so tests check the back-off without timing it. */
function prepare(options: { timeoutMs?: number; maxAttempts?: number; budgetMs?: number } = {}) {
  const waits: number[] = [];
  const lines: Record<string, unknown>[] = [];
  const record = (_message: string, attributes?: Record<string, unknown>) => {
    lines.push(attributes ?? {});
  };
  const client = new HttpClient({
    channel: 'postmart',
    timeoutMs: options.timeoutMs ?? 2_000,
    retry: {
      maxAttempts: options.maxAttempts ?? 4,
      baseDelayMs: 100,
      maxDelayMs: 1_000,
      budgetMs: options.budgetMs ?? 30_000,
    },
    logger: { debug: record, info: record, warn: record, error: record },
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
  });
  return { client, waits, lines };
}

function interpret(response: HttpResponse): Verdict<string> {
  if (response.status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    return {
      kind: 'retry',
      code: 'RATE_LIMITED',
      message: 'slow down',
      throttled: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (response.status >= 500)
    return { kind: 'retry', code: `HTTP_${response.status}`, message: 'server', throttled: false };
  return { kind: 'done', value: response.body };
}

function call(path: string, extra: Partial<Call<string>> = {}): Call<string> {
  return {
    operation: 'test',
    scopes: [],
    build: () => ({
      method: 'GET',
      url: new URL(`${baseUrl}${path}?access_token=secret-token&sign=abc&page=1`),
    }),
    interpret,
    ...extra,
  };
}

/** Answers with the given statuses in turn, then 200. */
function answers(...statuses: number[]): { hits: () => number } {
  let hits = 0;
  handler = (_request, response) => {
    const status = statuses[hits] ?? 200;
    hits += 1;
    if (status === 429) response.setHeader('retry-after', '2');
    response.statusCode = status;
    response.end(status === 200 ? 'done' : 'no');
  };
  return { hits: () => hits };
}

describe('shared HTTP client', () => {
  it('retries 5xx answers with growing jittered back-off, then succeeds', async () => {
    const server = answers(503, 502);
    const { client, waits } = prepare();
    await expect(client.send(call('/flaky'))).resolves.toBe('done');
    expect(server.hits()).toBe(3);
    expect(waits).toEqual([50, 100]);
  });

  it('waits at least as long as Retry-After says when throttled', async () => {
    answers(429);
    const { client, waits } = prepare();
    await expect(client.send(call('/throttled'))).resolves.toBe('done');
    expect(waits).toEqual([2_000]);
  });

  it('gives up with a RetryableError once the attempts are spent', async () => {
    const server = answers(503, 503, 503, 503, 503);
    const { client } = prepare({ maxAttempts: 3 });
    const error = await client.send(call('/down')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({
      name: 'RetryableError',
      channel: 'postmart',
      code: 'HTTP_503',
      attempts: 3,
    });
    expect(server.hits()).toBe(3);
  });

  it('does not start a wait that would overrun the time budget, and passes Retry-After on', async () => {
    answers(429, 429);
    const { client, waits } = prepare({ budgetMs: 1_000 });
    const error = await client.send(call('/busy')).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'RetryableError',
      code: 'RATE_LIMITED',
      retryAfterMs: 2_000,
      attempts: 1,
    });
    expect(waits).toEqual([]);
  });

  it('times out a silent server and reports a timeout', async () => {
    handler = () => undefined;
    const { client } = prepare({ timeoutMs: 100, maxAttempts: 2 });
    await expect(client.send(call('/silent'))).rejects.toMatchObject({
      name: 'RetryableError',
      code: 'timeout',
      attempts: 2,
    });
  });

  it('treats a reset connection as retryable', async () => {
    let hits = 0;
    handler = (request, response) => {
      hits += 1;
      if (hits === 1) request.socket.destroy();
      else response.end('done');
    };
    const { client } = prepare();
    await expect(client.send(call('/reset'))).resolves.toBe('done');
    expect(hits).toBe(2);
  });

  it('does not repeat a non-idempotent write after an ambiguous 5xx, but does after throttling', async () => {
    const down = answers(503);
    const { client } = prepare();
    await expect(client.send(call('/create', { retryAmbiguous: false }))).rejects.toBeInstanceOf(
      RetryableError,
    );
    expect(down.hits()).toBe(1);
    const throttled = answers(429);
    await expect(client.send(call('/create', { retryAmbiguous: false }))).resolves.toBe('done');
    expect(throttled.hits()).toBe(2);
  });

  it('logs each request without secrets', async () => {
    answers(503);
    const { client, lines } = prepare();
    await client.send(call('/logged'));
    const text = JSON.stringify(lines);
    expect(text).not.toContain('secret-token');
    expect(text).not.toContain('sign=abc');
    expect(text).toContain('page=1');
    expect(lines).toHaveLength(2);
  });
});

describe('rate limiter', () => {
  it('lets a burst through, then spaces reservations at exactly the configured rate', () => {
    let now = 0;
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 3 }, () => now);
    const waits = Array.from({ length: 6 }, () => bucket.reserve());
    expect(waits).toEqual([0, 0, 0, 100, 200, 300]);
    now = 1_000;
    expect(bucket.reserve()).toBe(0);
  });

  it('keeps a long-run rate: 200 reservations at 20/s end 10 s minus the burst later', () => {
    const bucket = new TokenBucket({ ratePerSecond: 20, burst: 1 }, () => 0);
    const waits = Array.from({ length: 200 }, () => bucket.reserve());
    expect(waits.at(-1)).toBeCloseTo((199 / 20) * 1000);
  });

  it('holds every request back while the marketplace asked for a pause', () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 5 }, () => 0);
    bucket.pause(1_000);
    expect(bucket.reserve()).toBeCloseTo(1_100);
  });

  it('counts a request against both its app and its shop buckets', () => {
    const limiter = new RateLimiter(() => 0);
    const app = { key: 'app', limit: { ratePerSecond: 100, burst: 1 } };
    const shopA = { key: 'shop-a', limit: { ratePerSecond: 2, burst: 1 } };
    const shopB = { key: 'shop-b', limit: { ratePerSecond: 2, burst: 1 } };
    expect(limiter.reserve([app, shopA])).toBe(0);
    expect(limiter.reserve([app, shopA])).toBe(500);
    expect(limiter.reserve([app, shopB])).toBeCloseTo(20);
  });
});
