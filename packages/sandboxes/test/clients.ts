import { createHash, createHmac } from 'node:crypto';
import { placeholderJpeg, type Sandbox, type SandboxShop } from '../src/index.js';
import { shopeeHoney } from './fixtures.js';

/** Test-side signing, written independently of src/ (plain node:crypto), as a marketplace client would. */
export const hmacHex = (key: string | Buffer, message: string | Buffer): string =>
  createHmac('sha256', key).update(message).digest('hex');

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : JSON.parse(text), headers: response.headers };
}

export interface ShopeeCall {
  readonly body?: unknown;
  /** An array value is sent as a repeated parameter (`item_status=NORMAL&item_status=UNLIST`). */
  readonly query?: Record<string, string | readonly string[]>;
  readonly timestamp?: number;
  readonly sign?: string;
  readonly accessToken?: string;
}

/** Shopee v2: sign = hex(HMAC(partner_key, partner_id + path + timestamp [+ access_token + shop_id])). */
export function shopeeClient(sandbox: Sandbox<'shopee'>, shop?: Pick<SandboxShop, 'shopId' | 'accessToken'>) {
  return async (method: 'GET' | 'POST', path: string, call: ShopeeCall = {}): Promise<Answer> => {
    const { partnerId, partnerKey } = sandbox.app;
    const timestamp = String(call.timestamp ?? Math.floor(Date.now() / 1000));
    const accessToken = call.accessToken ?? shop?.accessToken ?? '';
    const suffix = shop ? `${accessToken}${shop.shopId}` : '';
    const sign = call.sign ?? hmacHex(partnerKey, `${partnerId}${path}${timestamp}${suffix}`);
    const query = new URLSearchParams({
      partner_id: String(partnerId),
      timestamp,
      ...(shop ? { access_token: accessToken, shop_id: shop.shopId } : {}),
      sign,
    });
    for (const [name, value] of Object.entries(call.query ?? {})) {
      for (const one of typeof value === 'string' ? [value] : value) query.append(name, one);
    }
    const init: RequestInit =
      call.body === undefined
        ? { method }
        : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(call.body) };
    return read(await fetch(`${sandbox.url}${path}?${query}`, init));
  };
}

export interface ShopeeUpload {
  /** Repeated `image` parts: bytes, or a plain text field to test the refusal. */
  readonly images: ReadonlyArray<Uint8Array | string>;
  readonly fields?: Record<string, string>;
  /** Sign it as a Shop API call instead of the partner-level call the docs describe. */
  readonly shop?: Pick<SandboxShop, 'shopId' | 'accessToken'>;
}

/** v2.media_space.upload_image: multipart `image` part(s), signed partner_id + path + timestamp. */
export async function shopeeUpload(sandbox: Sandbox<'shopee'>, upload: ShopeeUpload): Promise<Answer> {
  const path = '/api/v2/media_space/upload_image';
  const { partnerId, partnerKey } = sandbox.app;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const shop = upload.shop;
  const suffix = shop ? `${shop.accessToken}${shop.shopId}` : '';
  const query = new URLSearchParams({
    partner_id: String(partnerId),
    timestamp,
    ...(shop ? { access_token: shop.accessToken, shop_id: shop.shopId } : {}),
    sign: hmacHex(partnerKey, `${partnerId}${path}${timestamp}${suffix}`),
  });
  const form = new FormData();
  for (const image of upload.images) {
    if (typeof image === 'string') form.append('image', image);
    else form.append('image', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'mat-ong.jpg');
  }
  for (const [name, value] of Object.entries(upload.fields ?? {})) form.append(name, value);
  return read(await fetch(`${sandbox.url}${path}?${query}`, { method: 'POST', body: form }));
}

/** Uploads one JPEG and answers the image id the sandbox issued for it. */
export async function uploadShopeeImage(
  sandbox: Sandbox<'shopee'>,
  path = '/cdn.ocop.example.vn/p/mat-ong.jpg',
) {
  const answer = await shopeeUpload(sandbox, { images: [placeholderJpeg(path)] });
  const id = (answer.body.response as { image_info?: { image_id?: unknown } } | undefined)?.image_info
    ?.image_id;
  if (typeof id !== 'string') throw new Error(`upload_image answered ${JSON.stringify(answer.body)}`);
  return id;
}

/** The honey listing with an image this sandbox really issued (add_item refuses ids it never issued). */
export async function shopeeHoneyOn(sandbox: Sandbox<'shopee'>) {
  return { ...shopeeHoney, image: { image_id_list: [await uploadShopeeImage(sandbox)] } };
}

export interface LazadaCall {
  readonly params?: Record<string, string>;
  readonly timestamp?: string;
  readonly sign?: string;
  readonly accessToken?: string | null;
  readonly transport?: 'form' | 'query';
}

/** Lazada: sign = HEX_UPPER(HMAC(app_secret, api_path + sorted name+value)), sent as form body or query. */
export function lazadaClient(sandbox: Sandbox<'lazada'>, accessToken?: string) {
  return async (method: 'GET' | 'POST', apiPath: string, call: LazadaCall = {}): Promise<Answer> => {
    const token = call.accessToken === null ? undefined : (call.accessToken ?? accessToken);
    const params: Record<string, string> = {
      app_key: sandbox.app.appKey,
      timestamp: call.timestamp ?? String(Date.now()),
      sign_method: 'sha256',
      ...(token === undefined ? {} : { access_token: token }),
      ...call.params,
    };
    const base = Object.keys(params)
      .sort()
      .map((name) => `${name}${params[name]}`)
      .join('');
    params.sign = call.sign ?? hmacHex(sandbox.app.appSecret, `${apiPath}${base}`).toUpperCase();
    const encoded = new URLSearchParams(params).toString();
    const url = `${sandbox.url}/rest${apiPath}`;
    if (method === 'GET' || call.transport === 'query')
      return read(await fetch(`${url}?${encoded}`, { method }));
    return read(
      await fetch(url, {
        method,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: encoded,
      }),
    );
  };
}

export interface PostmartCall {
  readonly body?: unknown;
  readonly query?: Record<string, string>;
  readonly timestamp?: number;
  readonly nonce?: string;
  readonly signature?: string;
  readonly idempotencyKey?: string | null;
  readonly ifMatch?: string;
}

/** Postmart proposal: X-PM-* headers, HMAC over METHOD\nPATH\nQUERY\nAPP\nSELLER\nTS\nNONCE\nsha256(body). */
export function postmartClient(sandbox: Sandbox<'postmart'>, sellerId: string) {
  return async (method: string, path: string, call: PostmartCall = {}): Promise<Answer> => {
    const { clientId, clientSecret } = sandbox.app;
    const body = call.body === undefined ? '' : JSON.stringify(call.body);
    const timestamp = String(call.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = call.nonce ?? crypto.randomUUID();
    const query = Object.entries(call.query ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
    const canonicalQuery = query
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    const bodyHash = createHash('sha256').update(body).digest('hex');
    const canonical = [method, path, canonicalQuery, clientId, sellerId, timestamp, nonce, bodyHash].join(
      '\n',
    );
    const headers: Record<string, string> = {
      'x-pm-app-key': clientId,
      'x-pm-seller-id': sellerId,
      'x-pm-timestamp': timestamp,
      'x-pm-nonce': nonce,
      'x-pm-signature': call.signature ?? hmacHex(clientSecret, canonical),
      ...(body === '' ? {} : { 'content-type': 'application/json' }),
      ...(call.ifMatch === undefined ? {} : { 'if-match': call.ifMatch }),
    };
    if (method !== 'GET' && call.idempotencyKey !== null)
      headers['idempotency-key'] = call.idempotencyKey ?? crypto.randomUUID();
    const search = query.length === 0 ? '' : `?${new URLSearchParams(query)}`;
    return read(
      await fetch(`${sandbox.url}${path}${search}`, { method, headers, ...(body === '' ? {} : { body }) }),
    );
  };
}
