import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CatalogueEvent, type DetailType, eventCatalogue, parseEvent } from '@ocop-sync/domain';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import {
  type ClosableTransport,
  createHttpTransport,
  createLedgerSecretStore,
  createWebhookService,
  createWebhookStore,
  type WebhookService,
} from '@ocop-sync/webhooks';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createShopLookup,
  handleProducerNotification,
  type ProducerNotifierDeps,
} from '../src/producer-notifier.js';
import { memoryPublisher } from './support/memory-publisher.js';

const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A producer's endpoint: answers 204 and keeps what it received. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/ocop-hook`, received };
}

function envelope(detailType: DetailType, detail: unknown, source = 'ocop.sync'): CatalogueEvent {
  const parsed = parseEvent({
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account: '000000000000',
    time: '2026-11-03T03:00:00Z',
    region: 'ap-southeast-1',
    resources: [],
    detail,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

/** Verifies with the Standard Webhooks library itself, as a producer would. */
function verified(secret: string, message: Received): unknown {
  const headers = {
    'webhook-id': String(message.headers['webhook-id']),
    'webhook-timestamp': String(message.headers['webhook-timestamp']),
    'webhook-signature': String(message.headers['webhook-signature']),
  };
  return new Webhook(secret).verify(message.body, headers);
}

describe('producer notifier over DynamoDB Local and a real webhook receiver', () => {
  let table: TestLedgerTable;
  let ledger: Ledger;
  let transport: ClosableTransport;
  let webhooks: WebhookService;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let deps: ProducerNotifierDeps & { publisher: ReturnType<typeof memoryPublisher> };

  beforeAll(async () => {
    table = await createTestLedgerTable('producer-notifier');
    const config = { client: table.client, tableName: table.tableName };
    ledger = createLedger(config);
    transport = createHttpTransport({ mode: 'local', requestTimeoutMs: 2000 });
    webhooks = createWebhookService({
      store: createWebhookStore(config),
      secrets: createLedgerSecretStore(config),
      transport: transport.send,
      mode: 'local',
    });
    receiver = await startReceiver();
    const producerOfShop = createShopLookup(table.client, table.tableName);
    deps = {
      webhooks,
      ledger: { getProduct: (id) => ledger.getProduct(id), producerOfShop },
      publisher: memoryPublisher(),
      now: () => new Date(),
    };
  });
  afterAll(async () => {
    transport.close();
    await new Promise((resolve) => receiver.server.close(resolve));
    await table.drop();
  });

  it('delivers a signed listing.failed webhook at once and publishes ProducerNotified', async () => {
    const producerId = uid('HTX');
    const { secret } = await webhooks.registerEndpoint({
      producerId,
      url: receiver.url,
      eventTypes: ['listing.failed'],
    });
    const event = envelope('ListingFailed', {
      productId: uid('OCOP'),
      producerId,
      channel: 'postmart',
      productVersion: 1,
      failure: {
        kind: 'permanent',
        code: 'listing-refused',
        field: 'weightGrams',
        message: { vi: 'Thiếu khối lượng sản phẩm.', en: 'The product weight is missing.' },
      },
      failedAt: '2026-11-03T10:00:00+07:00',
    });
    const outcome = await handleProducerNotification(deps, event);
    expect(outcome).toMatchObject({ kind: 'sent', created: true, attempted: 1 });
    const delivered = receiver.received.filter((message) => message.body.includes(producerId));
    expect(delivered).toHaveLength(1);
    const [message] = delivered;
    if (message === undefined) throw new Error('nothing delivered');
    expect(verified(secret, message)).toMatchObject({
      type: 'listing.failed',
      data: { producerId, failure: { field: 'weightGrams', reason: { vi: 'Thiếu khối lượng sản phẩm.' } } },
    });
    const notified = deps.publisher.entries.find(
      (entry) => entry.detailType === 'ProducerNotified' && entry.detail.producerId === producerId,
    );
    expect(notified?.detail).toMatchObject({ outcome: 'delivered', attempts: 1, type: 'listing.failed' });
  });

  it('sends the same event only once', async () => {
    const producerId = uid('HTX');
    await webhooks.registerEndpoint({ producerId, url: receiver.url, eventTypes: ['stock.low'] });
    const event = envelope('StockLow', {
      productId: uid('OCOP'),
      producerId,
      movementId: uid('mv'),
      available: 2,
      threshold: 3,
      occurredAt: '2026-11-03T10:00:00+07:00',
    });
    await handleProducerNotification(deps, event);
    await expect(handleProducerNotification(deps, event)).resolves.toMatchObject({
      created: false,
      attempted: 0,
    });
    expect(receiver.received.filter((message) => message.body.includes(producerId))).toHaveLength(1);
  });

  it("finds an order's producer by its shop and sends order.received", async () => {
    const producerId = uid('HTX');
    const shopId = uid('shop');
    await ledger.linkChannels(
      eventCatalogue.ProducerChannelsLinked.detail.parse({
        eventId: uid('evt'),
        occurredAt: '2026-11-01T08:00:00+07:00',
        version: 1,
        producer: {
          producerId,
          name: 'HTX Chè Suối Giàng',
          type: 'cooperative',
          area: { province: 'Yên Bái', district: 'Văn Chấn' },
        },
        channels: [
          { channel: 'shopee', status: 'linked', shopId, credentialsSecretName: `local/shopee/${shopId}` },
        ],
      }),
    );
    await webhooks.registerEndpoint({ producerId, url: receiver.url, eventTypes: ['order.received'] });
    const event = envelope(
      'MarketplaceOrderPlaced',
      {
        channel: 'shopee',
        shopId,
        orderId: uid('ORD'),
        placedAt: '2026-11-03T10:00:00+07:00',
        lines: [{ sellerSku: 'CHE-SG-01', quantity: 2, unitPriceVnd: 350_000 }],
      },
      'marketplace.shopee',
    );
    await expect(handleProducerNotification(deps, event)).resolves.toMatchObject({
      kind: 'sent',
      attempted: 1,
    });
    const message = receiver.received.find((received) => received.body.includes(producerId));
    expect(JSON.parse(message?.body ?? '{}')).toMatchObject({
      type: 'order.received',
      data: { totalVnd: 700_000 },
    });
  });

  it('leaves events producers do not receive alone', async () => {
    const event = envelope('ListingRequested', {
      productId: uid('OCOP'),
      producerId: uid('HTX'),
      channel: 'lazada',
      productVersion: 1,
      requestId: uid('req'),
      action: 'list',
      reason: 'certified',
      requestedAt: '2026-11-03T10:00:00+07:00',
    });
    await expect(handleProducerNotification(deps, event)).resolves.toEqual({ kind: 'not-notified' });
  });
});
