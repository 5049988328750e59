import { z } from 'zod';
import type { HttpClient, HttpMethod, HttpResponse, RateScope, Verdict } from '../http/http-client.js';
import { classifyLazadaError, type LazadaErrorBody } from './errors.js';
import { lazadaSign } from './sign.js';

export interface LazadaCredentials {
  appKey: string;
  appSecret: string;
}

export interface LazadaCall {
  method: HttpMethod;
  /** API path without `/rest`, e.g. `/product/create`. */
  path: string;
  params?: Record<string, string>;
  accessToken?: string;
  scopes: readonly RateScope[];
  retryAmbiguous?: boolean;
  /** Token APIs live on the authorisation host. */
  base?: 'api' | 'auth';
}

const envelope = z.object({
  code: z.union([z.string(), z.number()]).transform(String),
  type: z.string().optional(),
  message: z.string().optional(),
  data: z.unknown().optional(),
  detail: z
    .array(
      z.object({ field: z.string().optional(), message: z.string().optional(), code: z.string().optional() }),
    )
    .optional(),
});

/**
 * Signs and sends one Lazada call. GET carries the parameters in the query; POST in a form body, the
 * way the official Python SDK does (and the guide asks, to keep URLs short).
 */
export class LazadaApi {
  readonly #credentials: LazadaCredentials;
  readonly #http: HttpClient;
  readonly #bases: { api: string; auth: string };
  readonly #now: () => number;

  constructor(
    credentials: LazadaCredentials,
    http: HttpClient,
    bases: { api: string; auth: string },
    now: () => number,
  ) {
    this.#credentials = credentials;
    this.#http = http;
    this.#bases = bases;
    this.#now = now;
  }

  /** Resolves to `data` (or the whole body of token APIs, which have no `data`). */
  call(call: LazadaCall): Promise<unknown> {
    return this.#http.send<unknown>({
      operation: call.path,
      scopes: call.scopes,
      ...(call.retryAmbiguous === undefined ? {} : { retryAmbiguous: call.retryAmbiguous }),
      build: () => {
        const params = this.#signed(call);
        const url = new URL(`${this.#bases[call.base ?? 'api']}${call.path}`);
        if (call.method === 'GET') {
          for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
          return { method: 'GET', url };
        }
        return { method: call.method, url, body: new URLSearchParams(params) };
      },
      interpret,
    });
  }

  /** System parameters (timestamp in ms, sign_method sha256) plus the business ones, then `sign`. */
  #signed(call: LazadaCall): Record<string, string> {
    const params: Record<string, string> = {
      ...call.params,
      app_key: this.#credentials.appKey,
      timestamp: String(this.#now()),
      sign_method: 'sha256',
      ...(call.accessToken === undefined ? {} : { access_token: call.accessToken }),
    };
    return { ...params, sign: lazadaSign(this.#credentials.appSecret, call.path, params) };
  }
}

function interpret(response: HttpResponse): Verdict<unknown> {
  const parsed = envelope.safeParse(safeJson(response.body));
  if (!parsed.success) {
    if (response.status === 429 || response.status >= 500) {
      return {
        kind: 'retry',
        code: `http_${response.status}`,
        message: 'no JSON envelope',
        throttled: response.status === 429,
      };
    }
    throw new SyntaxError(`Lazada answered HTTP ${response.status} without a JSON envelope`);
  }
  const body = parsed.data;
  if (body.code !== '0') return classifyLazadaError(body as LazadaErrorBody, response.status);
  return { kind: 'done', value: body.data ?? safeJson(response.body) };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
