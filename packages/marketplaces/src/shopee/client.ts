import type { HttpClient, HttpMethod, HttpResponse, RateScope, Verdict } from '../http/http-client.js';
import { classifyShopeeError } from './errors.js';
import { shopeeSign } from './sign.js';

export interface ShopeeCredentials {
  partnerId: number;
  partnerKey: string;
}

export interface ShopeeCall {
  method: HttpMethod;
  path: string;
  /** Repeated parameters (`item_status=NORMAL&item_status=UNLIST`) as arrays. */
  query?: Record<string, string | readonly string[]>;
  body?: unknown;
  /** Multipart upload (media space); replaces `body`. */
  form?: FormData;
  /** Shop APIs: the shop and its access token. Public APIs omit it. */
  shop?: { shopId: string; accessToken: string };
  scopes: readonly RateScope[];
  retryAmbiguous?: boolean;
}

interface Envelope {
  error?: string;
  message?: string;
  response?: unknown;
}

/** Signs and sends one Shopee v2 call; resolves to `response` (or the flat body of token APIs). */
export class ShopeeApi {
  readonly #credentials: ShopeeCredentials;
  readonly #http: HttpClient;
  readonly #baseUrl: string;
  readonly #now: () => number;

  constructor(credentials: ShopeeCredentials, http: HttpClient, baseUrl: string, now: () => number) {
    this.#credentials = credentials;
    this.#http = http;
    this.#baseUrl = baseUrl;
    this.#now = now;
  }

  call(call: ShopeeCall): Promise<unknown> {
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    return this.#http.send<unknown>({
      operation: call.path.replace('/api/v2/', ''),
      scopes: call.scopes,
      ...(call.retryAmbiguous === undefined ? {} : { retryAmbiguous: call.retryAmbiguous }),
      build: () => ({
        method: call.method,
        url: this.#signedUrl(call),
        ...(call.form !== undefined ? { body: call.form } : {}),
        ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
      }),
      interpret,
    });
  }

  #signedUrl(call: ShopeeCall): URL {
    const { partnerId, partnerKey } = this.#credentials;
    const timestamp = Math.floor(this.#now() / 1000);
    const url = new URL(`${this.#baseUrl}${call.path}`);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      for (const one of typeof value === 'string' ? [value] : value) url.searchParams.append(name, one);
    }
    url.searchParams.set('partner_id', String(partnerId));
    url.searchParams.set('timestamp', String(timestamp));
    if (call.shop !== undefined) {
      url.searchParams.set('access_token', call.shop.accessToken);
      url.searchParams.set('shop_id', call.shop.shopId);
    }
    const sign = shopeeSign(partnerKey, { partnerId, path: call.path, timestamp, ...call.shop });
    url.searchParams.set('sign', sign);
    return url;
  }
}

function interpret(response: HttpResponse): Verdict<unknown> {
  let envelope: Envelope;
  try {
    envelope = JSON.parse(response.body) as Envelope;
  } catch {
    if (response.status === 429 || response.status >= 500) {
      return {
        kind: 'retry',
        code: `http_${response.status}`,
        message: 'no JSON envelope',
        throttled: response.status === 429,
      };
    }
    throw new SyntaxError(`Shopee answered HTTP ${response.status} without a JSON envelope`);
  }
  if (typeof envelope.error === 'string' && envelope.error !== '') {
    return classifyShopeeError(envelope.error, envelope.message ?? '', response.status);
  }
  if (response.status >= 500 || response.status === 429) return classifyShopeeError('', '', response.status);
  return { kind: 'done', value: envelope.response ?? envelope };
}
