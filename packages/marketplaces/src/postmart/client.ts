import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HttpClient, HttpMethod, HttpResponse, RateScope, Verdict } from '../http/http-client.js';
import { parseRetryAfter } from '../http/retry.js';
import { classifyPostmartError } from './errors.js';
import { postmartSign } from './sign.js';

export interface PostmartCredentials {
  /** Sent as `X-PM-App-Key`. */
  clientId: string;
  clientSecret: string;
}

export interface PostmartCall {
  method: HttpMethod;
  /** Path under `/v1`, e.g. `/products`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  sellerId: string;
  scopes: readonly RateScope[];
}

const envelope = z.object({
  code: z.string(),
  message: z.string().optional(),
  data: z.unknown().optional(),
  errors: z.array(z.object({ field: z.string().optional(), rule: z.string().optional() })).optional(),
});

/** Signs and sends one call to the Postmart partner API (our proposal, research §3.2). */
export class PostmartApi {
  readonly #credentials: PostmartCredentials;
  readonly #http: HttpClient;
  readonly #baseUrl: string;
  readonly #now: () => number;

  constructor(credentials: PostmartCredentials, http: HttpClient, baseUrl: string, now: () => number) {
    this.#credentials = credentials;
    this.#http = http;
    this.#baseUrl = baseUrl;
    this.#now = now;
  }

  /**
   * Writes carry one `Idempotency-Key` for all their attempts, so a retried create or stock update is
   * applied once; timestamp, nonce and signature are new on every attempt.
   */
  call(call: PostmartCall): Promise<unknown> {
    const body = call.body === undefined ? '' : JSON.stringify(call.body);
    const idempotencyKey = call.method === 'GET' ? undefined : randomUUID();
    return this.#http.send<unknown>({
      operation: `${call.method} /v1${call.path}`,
      scopes: call.scopes,
      build: () => {
        const url = new URL(`${this.#baseUrl}/v1${call.path}`);
        for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
        const headers = this.#headers(call, url.pathname, body);
        if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
        if (body !== '') headers['content-type'] = 'application/json';
        return { method: call.method, url, headers, ...(body === '' ? {} : { body }) };
      },
      interpret: (response) => interpret(response, this.#now()),
    });
  }

  #headers(call: PostmartCall, path: string, body: string): Record<string, string> {
    const timestamp = String(Math.floor(this.#now() / 1000));
    const nonce = randomUUID();
    const { clientId, clientSecret } = this.#credentials;
    const signature = postmartSign(clientSecret, {
      method: call.method,
      path,
      query: call.query ?? {},
      appKey: clientId,
      sellerId: call.sellerId,
      timestamp,
      nonce,
      body,
    });
    return {
      'x-pm-app-key': clientId,
      'x-pm-seller-id': call.sellerId,
      'x-pm-timestamp': timestamp,
      'x-pm-nonce': nonce,
      'x-pm-signature': signature,
    };
  }
}

function interpret(response: HttpResponse, now: number): Verdict<unknown> {
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  const parsed = envelope.safeParse(json);
  if (!parsed.success) {
    if (response.status === 429 || response.status >= 500) {
      return classifyPostmartError({ code: `HTTP_${response.status}` }, response.status, retryAfterMs);
    }
    throw new SyntaxError(`Postmart answered HTTP ${response.status} without a JSON envelope`);
  }
  if (parsed.data.code !== 'OK' || response.status >= 400) {
    return classifyPostmartError(parsed.data, response.status, retryAfterMs);
  }
  return { kind: 'done', value: parsed.data.data };
}
