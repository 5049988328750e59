import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxShop, startSandbox } from '../src/index.js';
import { lazadaClient, shopeeClient, shopeeHoneyOn } from './clients.js';
import { lazadaHoneyJson } from './fixtures.js';

/** Accepts every push: these tests read the recorded orders back through the order-detail endpoints. */
const sink = createServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200).end());
});
let target = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/webhooks/marketplace`;
});
afterAll(() => new Promise<void>((resolve) => sink.close(() => resolve())));

/** Triggers a push through the control API, as another process (the local stack, a test) would. */
const controlPush = (sandbox: Sandbox, body: unknown) =>
  fetch(`${sandbox.url}/__sandbox/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('Shopee get_order_detail', () => {
  let sandbox: Sandbox<'shopee'>;
  let shop: SandboxShop;
  let call: ReturnType<typeof shopeeClient>;

  beforeAll(async () => {
    sandbox = await startSandbox('shopee');
    shop = await sandbox.createShop({ name: 'HTX Mật ong U Minh' });
    call = shopeeClient(sandbox, shop);
    await call('POST', '/api/v2/product/add_item', { body: await shopeeHoneyOn(sandbox) });
    const data = {
      shopId: shop.shopId,
      orderId: '2511230001SP',
      lines: [{ sellerSku: 'OCOP-CM-0001', quantity: 2 }],
    };
    const response = await controlPush(sandbox, { kind: 'order.placed', target, data });
    expect(response.status).toBe(200);
  });
  afterAll(() => sandbox.close());

  const detail = (query: Record<string, string>) => call('GET', '/api/v2/order/get_order_detail', { query });

  it('serves the items only when item_list is asked for, with item_sku and model_quantity_purchased', async () => {
    const plain = await detail({ order_sn_list: '2511230001SP' });
    expect(plain.body).toMatchObject({ error: '', response: { order_list: [{ order_sn: '2511230001SP' }] } });
    expect(JSON.stringify(plain.body)).not.toContain('item_list');
    const full = await detail({ order_sn_list: '2511230001SP', response_optional_fields: 'item_list' });
    expect(full.body).toMatchObject({
      response: {
        order_list: [
          {
            order_status: 'UNPAID',
            item_list: [{ item_sku: 'OCOP-CM-0001', model_sku: '', model_quantity_purchased: 2 }],
          },
        ],
      },
    });
  });

  it('answers error_not_found for an order the shop does not hold, and error_param without order_sn_list', async () => {
    expect((await detail({ order_sn_list: 'NOPE' })).body).toMatchObject({ error: 'error_not_found' });
    expect((await detail({})).body).toMatchObject({ error: 'error_param' });
    const other = await sandbox.createShop({ name: 'HTX Chè Suối Giàng' });
    const stranger = await shopeeClient(sandbox, other)('GET', '/api/v2/order/get_order_detail', {
      query: { order_sn_list: '2511230001SP' },
    });
    expect(stranger.body).toMatchObject({ error: 'error_not_found' });
  });

  it('checks the signature and the access token like every shop API', async () => {
    const query = { order_sn_list: '2511230001SP' };
    const forged = await call('GET', '/api/v2/order/get_order_detail', { query, sign: 'f'.repeat(64) });
    expect(forged.body).toMatchObject({ error: 'error_sign' });
    const badToken = await call('GET', '/api/v2/order/get_order_detail', {
      query,
      accessToken: 'x'.repeat(32),
    });
    expect(badToken.body).toMatchObject({ error: 'error_auth', message: 'Invalid access_token.' });
  });

  it('refuses, with 404 and before any push, an order line whose seller SKU the shop does not list', async () => {
    const data = {
      shopId: shop.shopId,
      orderId: 'SP-BAD',
      lines: [{ sellerSku: 'NOT-LISTED', quantity: 1 }],
    };
    const response = await controlPush(sandbox, { kind: 'order.placed', target, data });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'UnknownItemError' });
    expect((await detail({ order_sn_list: 'SP-BAD' })).body).toMatchObject({ error: 'error_not_found' });
  });
});

describe('Lazada GetOrderItems', () => {
  let sandbox: Sandbox<'lazada'>;
  let shop: SandboxShop;
  let call: ReturnType<typeof lazadaClient>;

  beforeAll(async () => {
    sandbox = await startSandbox('lazada');
    shop = await sandbox.createShop({ name: 'HTX Mật ong U Minh' });
    call = lazadaClient(sandbox, shop.accessToken);
    await call('POST', '/product/create', { params: { payload: lazadaHoneyJson('OCOP-CM-0001') } });
    const data = {
      shopId: shop.shopId,
      orderId: '260422900198363',
      lines: [{ sellerSku: 'OCOP-CM-0001', quantity: 3 }],
    };
    expect((await controlPush(sandbox, { kind: 'order.placed', target, data })).status).toBe(200);
  });
  afterAll(() => sandbox.close());

  it('lists one item per unit, each with the seller SKU in `sku`', async () => {
    const answer = await call('GET', '/order/items/get', { params: { order_id: '260422900198363' } });
    expect(answer.body).toMatchObject({ code: '0' });
    const items = answer.body.data as Record<string, unknown>[];
    expect(items).toHaveLength(3);
    for (const item of items) expect(item).toMatchObject({ sku: 'OCOP-CM-0001', status: 'unpaid' });
    expect(new Set(items.map((item) => item.order_item_id)).size).toBe(3);
  });

  it('answers E016 for an order the seller does not hold, and MissingParameter without order_id', async () => {
    const unknown = await call('GET', '/order/items/get', { params: { order_id: '1' } });
    expect(unknown.body).toMatchObject({ code: '16', message: expect.stringContaining('Invalid Order ID') });
    const missing = await call('GET', '/order/items/get');
    expect(missing.body).toMatchObject({ code: 'MissingParameter' });
  });

  it('checks the signature and the access token', async () => {
    const params = { order_id: '260422900198363' };
    const forged = await call('GET', '/order/items/get', { params, sign: 'A'.repeat(64) });
    expect(forged.body).toMatchObject({ code: 'IncompleteSignature' });
    const noToken = await call('GET', '/order/items/get', { params, accessToken: 'invalid' });
    expect(noToken.body).toMatchObject({ code: 'IllegalAccessToken' });
  });

  it('shows the cancellation pushed afterwards', async () => {
    const data = { shopId: shop.shopId, orderId: '260422900198363' };
    expect((await controlPush(sandbox, { kind: 'order.cancelled', target, data })).status).toBe(200);
    const answer = await call('GET', '/order/items/get', { params: { order_id: '260422900198363' } });
    expect(answer.body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 'canceled' })]),
    );
  });
});
