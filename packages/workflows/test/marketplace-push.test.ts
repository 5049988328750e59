import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Sandbox, startSandbox } from '@ocop-sync/sandboxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelOfPath,
  handleMarketplacePush,
  type MarketplacePushDeps,
  problem,
  toHttpResult,
  verifyPush,
} from '../src/marketplace-push.js';
import type { MarketplaceApps } from '../src/marketplace-wiring.js';
import { memoryPublisher } from './support/memory-publisher.js';

/** The push endpoint as API Gateway would serve it: POST /webhooks/{channel}, raw body, lower-cased headers. */
async function startReceiver(deps: MarketplacePushDeps): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const path = request.url ?? '/';
      const channel = channelOfPath(path);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === 'string') headers[name] = value;
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}${path}`;
      const body = Buffer.concat(chunks).toString('utf8');
      const result =
        channel === undefined
          ? problem(404, 'No such push endpoint')
          : toHttpResult(await handleMarketplacePush(deps, { channel, url, headers, body }));
      response.writeHead(result.statusCode, result.headers).end(result.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}

describe('marketplace pushes from the sandboxes', () => {
  let shopee: Sandbox<'shopee'>;
  let lazada: Sandbox<'lazada'>;
  let postmart: Sandbox<'postmart'>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const publisher = memoryPublisher();

  beforeAll(async () => {
    [shopee, lazada, postmart] = await Promise.all([
      startSandbox('shopee', { port: 0 }),
      startSandbox('lazada', { port: 0 }),
      startSandbox('postmart', { port: 0 }),
    ]);
    const apps: MarketplaceApps = {
      shopee: { partnerId: shopee.app.partnerId, partnerKey: shopee.app.partnerKey },
      lazada: { appKey: lazada.app.appKey, appSecret: lazada.app.appSecret },
      postmart: { ...postmart.app },
    };
    // No push here needs an order read (Postmart's carries its lines): a call would be a bug, answered 503.
    const readOrder = async () => {
      throw new Error('no order read expected in these tests');
    };
    receiver = await startReceiver({ apps: async () => apps, publisher, now: () => new Date(), readOrder });
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.server.close(resolve));
    await Promise.all([shopee.close(), lazada.close(), postmart.close()]);
  });

  const published = (orderId: string) =>
    publisher.entries.filter((entry) => 'orderId' in entry.detail && entry.detail.orderId === orderId);

  it('accepts a genuine Postmart order push and publishes MarketplaceOrderPlaced with its seller SKU', async () => {
    const target = `${receiver.base}/webhooks/postmart`;
    const { shopId } = await postmart.createShop({ name: 'HTX Ong mật U Minh Hạ' });
    const data = { shopId, orderId: 'PM-O-1001', sellerSku: 'OCOP-CM-0001' };
    await expect(postmart.push('order.placed', target, data)).resolves.toEqual({ status: 200 });
    const [entry] = published('PM-O-1001');
    expect(entry).toMatchObject({ detailType: 'MarketplaceOrderPlaced', source: 'marketplace.postmart' });
    expect(entry?.detail).toMatchObject({ shopId, lines: [{ sellerSku: 'OCOP-CM-0001' }] });
  });

  it('accepts genuine Shopee and Lazada cancellations and publishes MarketplaceOrderCancelled', async () => {
    const shopeeShop = await shopee.createShop({ name: 'HTX Chè Suối Giàng' });
    const lazadaShop = await lazada.createShop({ name: 'HTX Chè Suối Giàng' });
    const shopeeTarget = `${receiver.base}/webhooks/shopee`;
    const lazadaTarget = `${receiver.base}/webhooks/lazada`;
    await shopee.push('order.cancelled', shopeeTarget, { shopId: shopeeShop.shopId, orderId: 'SP-O-1' });
    await lazada.push('order.cancelled', lazadaTarget, { shopId: lazadaShop.shopId, orderId: 'LZ-O-1' });
    expect(published('SP-O-1')[0]).toMatchObject({
      detailType: 'MarketplaceOrderCancelled',
      source: 'marketplace.shopee',
    });
    expect(published('LZ-O-1')[0]).toMatchObject({
      detailType: 'MarketplaceOrderCancelled',
      source: 'marketplace.lazada',
    });
  });

  it('refuses a forged push with 401 problem details and publishes nothing', async () => {
    const before = publisher.entries.length;
    const body = JSON.stringify({ code: 3, shop_id: 1, timestamp: Math.floor(Date.now() / 1000), data: {} });
    const response = await fetch(`${receiver.base}/webhooks/shopee`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'f'.repeat(64) },
      body,
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 401 });
    expect(publisher.entries).toHaveLength(before);
  });

  it('refuses a correctly signed push replayed outside the time window', async () => {
    const url = `${receiver.base}/webhooks/shopee`;
    const stale = Math.floor(Date.now() / 1000) - 3600;
    const data = { ordersn: 'SP-OLD', status: 'CANCELLED', update_time: stale };
    const body = JSON.stringify({ code: 3, shop_id: 1, timestamp: stale, data });
    const authorization = createHmac('sha256', shopee.app.partnerKey).update(`${url}|${body}`).digest('hex');
    const response = await fetch(url, { method: 'POST', headers: { authorization }, body });
    expect(response.status).toBe(401);
    expect(published('SP-OLD')).toHaveLength(0);
  });

  it('answers 400 to a signed body it cannot read', async () => {
    const url = `${receiver.base}/webhooks/lazada`;
    const body = '{"not":"a push"}';
    const { appKey, appSecret } = lazada.app;
    const authorization = createHmac('sha256', appSecret).update(`${appKey}${body}`).digest('hex');
    const response = await fetch(url, { method: 'POST', headers: { authorization }, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, title: 'Push body not understood' });
  });
});

describe('push signatures (research vectors, shared/research/marketplaces.md §1.7 and §2.7)', () => {
  const apps: MarketplaceApps = {
    shopee: {
      partnerId: 2001887,
      partnerKey: 'shpk4a6f4b52536c6e4d734e62776e5a4f6a6e6c6b6d4c6a4b6e4a6b6c4d6e4f',
    },
    lazada: { appKey: '112233', appSecret: 'uYdGFOw5QIoru2s8ikPh8Oy3g0AlUFupTEST' },
  };

  it('accepts the Shopee vector with Vietnamese text at its own time, and refuses it an hour later', () => {
    const body =
      '{"code":6,"shop_id":322300222,"timestamp":1700000000,"data":{"item_id":3000142341,"item_name":"Mật ong rừng U Minh OCOP 4 sao","ban_reason":"test"}}';
    const push = {
      channel: 'shopee' as const,
      url: 'https://ocop-sync.example.vn/webhooks/shopee',
      headers: { authorization: 'a62e0897bb20995220fcec13a20d45aa4d1775dd561e44f1c35917d53efbc4ee' },
      body,
    };
    expect(verifyPush(push, apps, new Date(1_700_000_000_000))).toEqual({ ok: true });
    expect(verifyPush(push, apps, new Date(1_700_003_600_000))).toEqual({ ok: false, reason: 'replayed' });
  });

  it('accepts the Lazada vector (millisecond timestamp) and refuses a changed byte', () => {
    const body =
      '{"seller_id":"1234567","message_type":0,"data":{"order_status":"unpaid","trade_order_id":"260422900198363","trade_order_line_id":"260422900298363","status_update_time":1603698638},"timestamp":1603766859530,"site":"lazada_vn"}';
    const headers = { authorization: '8754b96908b9b8baa542ab863b7e0a6ca46d751815edee8dd498336a8ab4a4fb' };
    const push = {
      channel: 'lazada' as const,
      url: 'https://ocop-sync.example.vn/webhooks/lazada',
      headers,
      body,
    };
    const at = new Date(1_603_766_860_000);
    expect(verifyPush(push, apps, at)).toEqual({ ok: true });
    const altered = { ...push, body: body.replace('unpaid', 'UNPAID') };
    expect(verifyPush(altered, apps, at)).toEqual({ ok: false, reason: 'forged' });
  });
});
