import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';
import { hmacHex, lazadaClient, postmartClient, shopeeClient, shopeeHoneyOn } from './clients.js';
import { lazadaHoneyJson, postmartHoney } from './fixtures.js';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A receiver that records raw bodies: signatures are verified on the exact bytes. */
const received: Received[] = [];
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
    response.writeHead(200).end();
  });
});
let target = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/marketplace`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const last = (): Received => {
  const entry = received.at(-1);
  if (!entry) throw new Error('nothing received');
  return entry;
};

describe('signed push notifications', () => {
  it('Shopee signs url|body with the partner key, and a ban changes the item status', async () => {
    const sandbox = await startSandbox('shopee');
    try {
      const shop = await sandbox.createShop();
      const created = await shopeeClient(sandbox, shop)('POST', '/api/v2/product/add_item', {
        body: await shopeeHoneyOn(sandbox),
      });
      const itemId = String((created.body.response as { item_id: number }).item_id);
      expect(
        await sandbox.push('item.banned', target, {
          shopId: shop.shopId,
          externalItemId: itemId,
          reason: 'test',
        }),
      ).toEqual({ status: 200 });
      const { headers, body } = last();
      expect(headers.authorization).toBe(hmacHex(sandbox.app.partnerKey, `${target}|${body}`));
      expect(JSON.parse(body)).toMatchObject({
        code: 6,
        shop_id: Number(shop.shopId),
        data: { item_id: Number(itemId) },
      });
      expect(headers.authorization).not.toBe(hmacHex(sandbox.app.partnerKey, `${target}|${body} `));
      expect(sandbox.listItems(shop.shopId)[0]?.status).toBe('banned');
      await sandbox.push('order.placed', target, { shopId: shop.shopId, orderId: '220810QSK8S7BX' });
      expect(JSON.parse(last().body)).toMatchObject({
        code: 3,
        data: { ordersn: '220810QSK8S7BX', status: 'UNPAID' },
      });
    } finally {
      await sandbox.close();
    }
  });

  it('Lazada signs app_key + body with the app secret', async () => {
    const sandbox = await startSandbox('lazada');
    try {
      const shop = await sandbox.createShop();
      await lazadaClient(sandbox, shop.accessToken)('POST', '/product/create', {
        params: { payload: lazadaHoneyJson() },
      });
      await sandbox.push('order.cancelled', target, { shopId: shop.shopId, orderId: '260422900198363' });
      const { headers, body } = last();
      expect(headers.authorization).toBe(hmacHex(sandbox.app.appSecret, `${sandbox.app.appKey}${body}`));
      expect(JSON.parse(body)).toMatchObject({
        seller_id: shop.shopId,
        message_type: 0,
        data: { order_status: 'canceled' },
        site: 'lazada_vn',
      });
      await sandbox.push('item.banned', target, { shopId: shop.shopId, sellerSku: 'OCOP-CM-0001' });
      expect(JSON.parse(last().body)).toMatchObject({ message_type: 1, data: { status: 'LOCK' } });
      expect(sandbox.listItems(shop.shopId)[0]?.status).toBe('banned');
    } finally {
      await sandbox.close();
    }
  });

  it('Postmart signs with Standard Webhooks v1', async () => {
    const sandbox = await startSandbox('postmart');
    try {
      const seller = await sandbox.createShop();
      await postmartClient(sandbox, seller.shopId)('POST', '/v1/products', { body: postmartHoney() });
      await sandbox.push('item.banned', target, {
        shopId: seller.shopId,
        sellerSku: 'OCOP-TH-0001',
        reason: 'ocop_certificate_revoked',
      });
      const { headers, body } = last();
      const key = Buffer.from(sandbox.app.webhookSecret.replace(/^whsec_/, ''), 'base64');
      const expected = createHmac('sha256', key)
        .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
        .digest('base64');
      expect(headers['webhook-signature']).toBe(`v1,${expected}`);
      expect(JSON.parse(body)).toMatchObject({
        type: 'product.banned',
        data: { seller_sku: 'OCOP-TH-0001', reason: 'ocop_certificate_revoked' },
      });
      expect(sandbox.listItems(seller.shopId)[0]?.status).toBe('banned');
    } finally {
      await sandbox.close();
    }
  });
});
