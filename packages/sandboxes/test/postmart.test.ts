import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxShop, startSandbox } from '../src/index.js';
import { postmartClient } from './clients.js';
import { postmartHoney } from './fixtures.js';

describe('Postmart sandbox (proposal §3.2)', () => {
  let sandbox: Sandbox<'postmart'>;
  let seller: SandboxShop;
  let call: ReturnType<typeof postmartClient>;

  beforeAll(async () => {
    // The default 10 rps burst 20 per seller is tested on its own below.
    sandbox = await startSandbox('postmart', { seed: 31, rateLimits: { perShop: false } });
    seller = await sandbox.createShop({ name: 'HTX Ong mật Thanh Hóa' });
    call = postmartClient(sandbox, seller.shopId);
  });
  afterAll(() => sandbox.close());

  it('creates a listing (201) and serves it with stock per location', async () => {
    const created = await call('POST', '/v1/products', { body: postmartHoney('OCOP-TH-0100') });
    expect(created.status).toBe(201);
    const productId = String((created.body.data as { product_id: string }).product_id);
    const read = await call('GET', `/v1/products/${productId}`);
    expect(read.body).toMatchObject({
      code: 'OK',
      data: {
        status: 'active',
        version: 1,
        skus: [
          {
            seller_sku: 'OCOP-TH-0100',
            price_vnd: 150_000,
            stock: [{ location_code: 'SR-THA-01', quantity: 25 }],
          },
        ],
      },
    });
    const listed = await call('GET', '/v1/products', {
      query: { seller_sku: 'OCOP-TH-0100', page_size: '20' },
    });
    expect((listed.body.data as { products: unknown[] }).products).toHaveLength(1);
  });

  it('sets stock with partial success, prices, deactivates and deletes', async () => {
    const created = await call('POST', '/v1/products', { body: postmartHoney('OCOP-TH-0200') });
    const productId = String((created.body.data as { product_id: string }).product_id);
    const stock = await call('PUT', '/v1/stock', {
      body: {
        items: [
          { seller_sku: 'OCOP-TH-0200', location_code: 'SR-THA-02', quantity: 7 },
          { seller_sku: 'NOPE', location_code: 'X', quantity: 1 },
        ],
      },
    });
    expect(stock.body).toMatchObject({
      data: {
        results: [
          { ok: true, quantity: 7 },
          { ok: false, code: 'SKU_NOT_FOUND' },
        ],
      },
    });
    const price = await call('PUT', `/v1/products/${productId}/skus/OCOP-TH-0200/price`, {
      body: { price_vnd: 155_000 },
    });
    expect(price.body).toMatchObject({ data: { price_vnd: 155_000 } });
    await call('POST', `/v1/products/${productId}/deactivate`, { body: {} });
    const view = () => sandbox.listItems(seller.shopId).find((item) => item.externalItemId === productId);
    expect(view()).toMatchObject({ status: 'unlisted', stock: 32, price: 155_000 });
    await call('DELETE', `/v1/products/${productId}`);
    const gone = await call('PUT', `/v1/products/${productId}/skus/OCOP-TH-0200/price`, {
      body: { price_vnd: 160_000 },
    });
    expect(gone).toMatchObject({ status: 410, body: { code: 'PRODUCT_DELETED' } });
  });

  it('replays a write with the same Idempotency-Key and refuses the key with another body', async () => {
    const key = crypto.randomUUID();
    const first = await call('POST', '/v1/products', {
      body: postmartHoney('OCOP-TH-0300'),
      idempotencyKey: key,
    });
    const replay = await call('POST', '/v1/products', {
      body: postmartHoney('OCOP-TH-0300'),
      idempotencyKey: key,
    });
    expect(replay.body.data).toEqual(first.body.data);
    const other = await call('POST', '/v1/products', {
      body: postmartHoney('OCOP-TH-0301'),
      idempotencyKey: key,
    });
    expect(other).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const missing = await call('POST', '/v1/products', {
      body: postmartHoney('OCOP-TH-0302'),
      idempotencyKey: null,
    });
    expect(missing).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PARAM', errors: [{ field: 'Idempotency-Key' }] },
    });
  });

  it.each([
    ['a short title', { title: 'Mật ong' }, 422, 'TITLE_LENGTH', 'title'],
    [
      'a decimal price',
      { skus: [{ seller_sku: 'OCOP-TH-9', price_vnd: 1.5, weight_g: 1 }] },
      422,
      'PRICE_NOT_INTEGER',
      'skus[0].price_vnd',
    ],
    ['a non-leaf category', { category_id: 'PM-FOOD' }, 422, 'CATEGORY_NOT_LEAF', 'category_id'],
    [
      'a missing required attribute',
      { attributes: {} },
      422,
      'ATTRIBUTE_REQUIRED',
      'attributes.origin_province',
    ],
    ['an http image', { images: ['http://cdn.example.vn/a.jpg'] }, 422, 'IMAGE_INVALID', 'images[0]'],
    [
      'an expired certificate',
      { ocop: { ...postmartHoney().ocop, expires_at: '2020-01-01' } },
      422,
      'OCOP_CERT_EXPIRED',
      'ocop.expires_at',
    ],
    [
      'a negative quantity',
      {
        skus: [
          {
            seller_sku: 'OCOP-TH-8',
            price_vnd: 1000,
            weight_g: 1,
            stock: [{ location_code: 'A', quantity: -1 }],
          },
        ],
      },
      400,
      'INVALID_PARAM',
      'skus[0].stock[0].quantity',
    ],
    [
      'a taken seller SKU',
      { skus: [{ seller_sku: 'OCOP-TH-0100', price_vnd: 1000, weight_g: 1 }] },
      409,
      'SKU_DUPLICATE',
      'skus[0].seller_sku',
    ],
  ])('rejects %s', async (_what, overrides, status, code, field) => {
    const answer = await call('POST', '/v1/products', {
      body: { ...postmartHoney('OCOP-TH-0400'), ...overrides },
    });
    expect(answer).toMatchObject({ status, body: { code, errors: [{ field }] } });
  });

  it('refuses a bad signature, a stale timestamp, a reused nonce and a revoked seller', async () => {
    expect((await call('GET', '/v1/categories', { signature: '0'.repeat(64) })).body.code).toBe(
      'INVALID_SIGNATURE',
    );
    const stale = await call('GET', '/v1/categories', { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale).toMatchObject({ status: 401, body: { code: 'TIMESTAMP_OUT_OF_WINDOW' } });
    const nonce = crypto.randomUUID();
    expect((await call('GET', '/v1/categories', { nonce })).status).toBe(200);
    expect((await call('GET', '/v1/categories', { nonce })).body.code).toBe('NONCE_REUSED');
    const other = await sandbox.createShop();
    sandbox.expireAccessToken(other.shopId);
    const revoked = await postmartClient(sandbox, other.shopId)('GET', '/v1/categories');
    expect(revoked).toMatchObject({ status: 403, body: { code: 'SELLER_NOT_AUTHORIZED' } });
  });

  it('answers 429 RATE_LIMITED with Retry-After past the seller bucket', async () => {
    const limited = await startSandbox('postmart', {
      rateLimits: { perShop: { ratePerSecond: 0.5, burst: 1 } },
    });
    try {
      const other = await limited.createShop();
      const limitedCall = postmartClient(limited, other.shopId);
      await limitedCall('GET', '/v1/categories');
      const answer = await limitedCall('GET', '/v1/categories');
      expect(answer).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
      expect(answer.headers.get('retry-after')).toBe('2');
    } finally {
      await limited.close();
    }
  });
});
