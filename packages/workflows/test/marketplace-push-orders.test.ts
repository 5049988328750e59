import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventCatalogue } from '@ocop-sync/domain';
import { createLedger } from '@ocop-sync/ledger';
import { createAwsClients, loadConfig } from '@ocop-sync/runtime';
import { type Sandbox, type SandboxShop, startSandbox } from '@ocop-sync/sandboxes';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { lazadaClient, shopeeClient, shopeeHoneyOn } from '../../sandboxes/test/clients.js';
import { lazadaHoneyJson } from '../../sandboxes/test/fixtures.js';
import {
  channelOfPath,
  createOrderReader,
  fetchPlacedOrder,
  handleMarketplacePush,
  type MarketplacePushDeps,
  meaningOf,
  problem,
  type ReadOrder,
  toHttpResult,
} from '../src/marketplace-push.js';
import { createLedgerTokenStore } from '../src/marketplace-wiring.js';
import { memoryPublisher } from './support/memory-publisher.js';

const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const SKU = 'OCOP-CM-0001';

/** POST /webhooks/{channel} as API Gateway serves it: raw body, lower-cased headers, the handler's answer. */
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
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
      const body = Buffer.concat(chunks).toString('utf8');
      const result =
        channel === undefined
          ? problem(404, 'No such push endpoint')
          : toHttpResult(await handleMarketplacePush(deps, { channel, url, headers, body }));
      response.writeHead(result.statusCode, result.headers).end(result.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('thin Shopee and Lazada order pushes: lines read from the sandbox, MarketplaceOrderPlaced published', () => {
  let table: TestLedgerTable;
  let shopee: Sandbox<'shopee'>;
  let lazada: Sandbox<'lazada'>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let shopeeShop: SandboxShop;
  let lazadaShop: SandboxShop;
  const publisher = memoryPublisher();

  beforeAll(async () => {
    [table, shopee, lazada] = await Promise.all([
      createTestLedgerTable('marketplace-push-orders'),
      startSandbox('shopee', { port: 0 }),
      startSandbox('lazada', { port: 0 }),
    ]);
    const apps = {
      shopee: { partnerId: shopee.app.partnerId, partnerKey: shopee.app.partnerKey },
      lazada: { appKey: lazada.app.appKey, appSecret: lazada.app.appSecret },
    };
    const config = loadConfig({
      LEDGER_TABLE_NAME: table.tableName,
      EVENT_BUS_NAME: 'ocop-test',
      OCOP_MODE: 'local',
      DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
      SHOPEE_BASE_URL: shopee.url,
      LAZADA_BASE_URL: `${lazada.url}/rest`,
      LOCAL_MARKETPLACE_APPS: JSON.stringify(apps),
    });
    const clients = createAwsClients(config);
    [shopeeShop, lazadaShop] = await Promise.all([
      shopee.createShop({ name: 'HTX Ong mật U Minh Hạ' }),
      lazada.createShop({ name: 'HTX Ong mật U Minh Hạ' }),
    ]);
    await linkProducer(clients, table.tableName, { shopee: shopeeShop, lazada: lazadaShop });
    // The honey is listed on both shops: an order can only name a listed seller SKU.
    await shopeeClient(shopee, shopeeShop)('POST', '/api/v2/product/add_item', {
      body: await shopeeHoneyOn(shopee),
    });
    await lazadaClient(lazada, lazadaShop.accessToken)('POST', '/product/create', {
      params: { payload: lazadaHoneyJson(SKU) },
    });
    const readOrder = createOrderReader(config, clients);
    receiver = await startReceiver({ apps: async () => apps, publisher, now: () => new Date(), readOrder });
  });
  afterEach(() => {
    shopee.faults.clear();
    lazada.faults.clear();
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.server.close(resolve));
    await Promise.all([shopee.close(), lazada.close()]);
    await table.drop();
  });

  const placed = (orderId: string) =>
    publisher.entries.filter(
      (entry) => entry.detailType === 'MarketplaceOrderPlaced' && entry.detail.orderId === orderId,
    );

  it('publishes a Shopee order with the seller SKU and quantity read from get_order_detail', async () => {
    const data = {
      shopId: shopeeShop.shopId,
      orderId: '2511230001SP',
      lines: [{ sellerSku: SKU, quantity: 2 }],
    };
    await expect(shopee.push('order.placed', `${receiver.base}/webhooks/shopee`, data)).resolves.toEqual({
      status: 200,
    });
    const [entry, ...more] = placed('2511230001SP');
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ source: 'marketplace.shopee' });
    expect(entry?.detail).toMatchObject({
      channel: 'shopee',
      shopId: shopeeShop.shopId,
      lines: [{ sellerSku: SKU, quantity: 2 }],
    });
  });

  it('publishes a Lazada order with its per-unit items summed into one line', async () => {
    const data = {
      shopId: lazadaShop.shopId,
      orderId: '260422900198363',
      lines: [{ sellerSku: SKU, quantity: 3 }],
    };
    await expect(lazada.push('order.placed', `${receiver.base}/webhooks/lazada`, data)).resolves.toEqual({
      status: 200,
    });
    const [entry] = placed('260422900198363');
    expect(entry).toMatchObject({ source: 'marketplace.lazada' });
    expect(entry?.detail).toMatchObject({ channel: 'lazada', lines: [{ sellerSku: SKU, quantity: 3 }] });
  });

  it('answers 503 when the order detail fails, so the marketplace re-sends; the re-sent push publishes', async () => {
    shopee.faults.set({ errorRate: 1, errorStatus: 503, pathPrefix: '/api/v2/order/' });
    const target = `${receiver.base}/webhooks/shopee`;
    const data = {
      shopId: shopeeShop.shopId,
      orderId: '2511230002SP',
      lines: [{ sellerSku: SKU, quantity: 1 }],
    };
    await expect(shopee.push('order.placed', target, data)).resolves.toEqual({ status: 503 });
    expect(placed('2511230002SP')).toHaveLength(0);
    shopee.faults.clear();
    await expect(shopee.push('order.placed', target, data)).resolves.toEqual({ status: 200 });
    expect(placed('2511230002SP')).toHaveLength(1);
  });

  it('answers 503 to a Lazada push for an order the marketplace does not show', async () => {
    // No lines given: the sandbox pushes the order without recording it, so GetOrderItems answers E016.
    const data = { shopId: lazadaShop.shopId, orderId: '260422900000001' };
    await expect(lazada.push('order.placed', `${receiver.base}/webhooks/lazada`, data)).resolves.toEqual({
      status: 503,
    });
    expect(placed('260422900000001')).toHaveLength(0);
  });

  it('ignores (200) an order of a shop no producer linked, without calling the marketplace', async () => {
    const stranger = await shopee.createShop({ name: 'Cửa hàng khác' });
    const before = shopee.requestLog().length;
    const data = { shopId: stranger.shopId, orderId: '2511230003SP' };
    await expect(shopee.push('order.placed', `${receiver.base}/webhooks/shopee`, data)).resolves.toEqual({
      status: 200,
    });
    expect(placed('2511230003SP')).toHaveLength(0);
    expect(shopee.requestLog()).toHaveLength(before);
  });

  it('refuses a genuine order push replayed outside the time window, before reading the order', async () => {
    const url = `${receiver.base}/webhooks/shopee`;
    const stale = Math.floor(Date.now() / 1000) - 3600;
    const data = { ordersn: '2511230001SP', status: 'UNPAID', update_time: stale, items: [] };
    const body = JSON.stringify({ code: 3, shop_id: Number(shopeeShop.shopId), timestamp: stale, data });
    const authorization = createHmac('sha256', shopee.app.partnerKey).update(`${url}|${body}`).digest('hex');
    const before = shopee.requestLog().length;
    const response = await fetch(url, { method: 'POST', headers: { authorization }, body });
    expect(response.status).toBe(401);
    expect(placed('2511230001SP')).toHaveLength(1);
    expect(shopee.requestLog()).toHaveLength(before);
  });
});

describe('which order pushes reserve (pure)', () => {
  const shopee = (status: string) =>
    meaningOf(
      'shopee',
      JSON.stringify({
        code: 3,
        shop_id: 7,
        timestamp: 1,
        data: { ordersn: 'A1', status, update_time: 1_763_870_000 },
      }),
    );
  const lazada = (order_status: string) =>
    meaningOf(
      'lazada',
      JSON.stringify({
        seller_id: '9',
        message_type: 0,
        timestamp: 1,
        data: { order_status, trade_order_id: 'L1', status_update_time: 1_763_870_000 },
      }),
    );

  it('fetches the lines of Shopee UNPAID / READY_TO_SHIP and Lazada unpaid / pending orders only', () => {
    for (const meaning of [shopee('UNPAID'), shopee('READY_TO_SHIP')]) {
      expect(meaning).toEqual({
        kind: 'fetch-order',
        order: { channel: 'shopee', shopId: '7', orderId: 'A1', placedAt: '2025-11-23T03:53:20.000Z' },
      });
    }
    for (const meaning of [lazada('unpaid'), lazada('pending')]) {
      expect(meaning).toMatchObject({
        kind: 'fetch-order',
        order: { channel: 'lazada', shopId: '9', orderId: 'L1' },
      });
    }
    for (const meaning of [
      shopee('SHIPPED'),
      shopee('IN_CANCEL'),
      lazada('ready_to_ship'),
      lazada('delivered'),
    ]) {
      expect(meaning.kind).toBe('ignored');
    }
  });
});

describe('fetchPlacedOrder', () => {
  const wanted = {
    channel: 'shopee' as const,
    shopId: '7',
    orderId: 'A1',
    placedAt: '2026-11-23T03:00:00.000Z',
  };

  it('answers retry when the read does not finish within its bound', async () => {
    const never: ReadOrder = () => new Promise(() => undefined);
    await expect(fetchPlacedOrder(never, wanted, 20)).resolves.toEqual({
      kind: 'retry',
      reason: 'OrderFetchTimeout',
    });
  });

  it('ignores an order whose lines name no seller SKU (a listing that is not ours)', async () => {
    const read: ReadOrder = async () => ({
      kind: 'found',
      order: { orderId: 'A1', marketplaceStatus: 'UNPAID', lines: [{ sellerSku: '', quantity: 1 }] },
    });
    await expect(fetchPlacedOrder(read, wanted)).resolves.toMatchObject({ kind: 'ignored' });
  });
});

/** A cooperative with one linked shop on Shopee and one on Lazada, their sandbox tokens seeded (local mode). */
async function linkProducer(
  clients: ReturnType<typeof createAwsClients>,
  tableName: string,
  shops: { shopee: SandboxShop; lazada: SandboxShop },
): Promise<void> {
  const ledger = createLedger({ client: clients.dynamodb, tableName });
  const store = createLedgerTokenStore(clients.dynamodb, tableName);
  const entries = [
    { channel: 'shopee' as const, shop: shops.shopee },
    { channel: 'lazada' as const, shop: shops.lazada },
  ];
  await ledger.linkChannels(
    eventCatalogue.ProducerChannelsLinked.detail.parse({
      eventId: uid('evt'),
      occurredAt: '2026-11-01T08:00:00+07:00',
      version: 1,
      producer: {
        producerId: uid('HTX'),
        name: 'HTX Ong mật U Minh Hạ',
        type: 'cooperative',
        area: { province: 'Cà Mau', district: 'U Minh' },
      },
      channels: entries.map(({ channel, shop }) => ({
        channel,
        status: 'linked',
        shopId: shop.shopId,
        credentialsSecretName: `local/${channel}/${shop.shopId}`,
      })),
    }),
  );
  for (const { channel, shop } of entries) {
    await store.put(
      { channel, shopId: shop.shopId, tokenSecretName: `local/${channel}/${shop.shopId}` },
      {
        accessToken: shop.accessToken,
        refreshToken: shop.refreshToken,
        accessExpiresAt: shop.accessTokenExpiresAt,
        refreshExpiresAt: shop.refreshTokenExpiresAt,
      },
    );
  }
}
