import { randomUUID } from 'node:crypto';
import { type CatalogueEvent, parseDetail, parseEvent } from '@ocop-sync/domain';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import type { EventPublisher, PublishEntry } from '@ocop-sync/runtime';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import decisions from '../../../events/samples/registry/council-decisions.json' with { type: 'json' };
import links from '../../../events/samples/registry/producer-channels-linked.json' with { type: 'json' };
import movements from '../../../events/samples/showroom/movements.json' with { type: 'json' };
import { StockEventNotReadyError } from '../src/stock-errors.js';
import { handleStockEvent } from '../src/stock-ledger.js';

const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const showroom = (locationId: string) => ({ type: 'showroom', locationId });

/** Wraps a sample's detail in an EventBridge envelope and parses it, as the queue handler would. */
function toEvent(source: string, detailType: string, detail: unknown): CatalogueEvent {
  const parsed = parseEvent({
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account: '000000000000',
    time: '2024-11-16T02:15:00Z',
    region: 'ap-southeast-1',
    resources: [],
    detail,
  });
  if (!parsed.ok) throw new Error(`bad fixture ${detailType}: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

/** A publisher that keeps what it is given, after the same catalogue check the real one makes. */
function collectingPublisher(): EventPublisher & { entries: PublishEntry[] } {
  const entries: PublishEntry[] = [];
  return {
    entries,
    async publish(batch) {
      for (const entry of batch) expect(parseDetail(entry.detailType, entry.detail).ok).toBe(true);
      entries.push(...batch);
    },
  };
}

const [certifiedSample] = decisions;
const [linkSample] = links;
const sample = (type: string) => movements.find((movement) => movement['detail-type'] === type);

describe('stock ledger workflow for marketplace orders', () => {
  let table: TestLedgerTable;
  let ledger: Ledger;
  beforeAll(async () => {
    table = await createTestLedgerTable('workflows-stock-orders');
    ledger = createLedger({ client: table.client, tableName: table.tableName });
  });
  afterAll(async () => table.drop());

  /** The council's honey under fresh ids, its cooperative's shops linked, showrooms serving every channel. */
  async function certifiedProduct() {
    const productId = uid('TH-2024');
    const producerId = uid('HTX-BT');
    const shopId = uid('shopee-shop');
    const product = { ...certifiedSample?.detail.product, productId };
    const producer = { ...certifiedSample?.detail.product.producer, producerId };
    const certification = {
      ...certifiedSample?.detail,
      eventId: uid('cert'),
      product: { ...product, producer },
    };
    const link = {
      ...linkSample?.detail,
      eventId: uid('link'),
      producer: { ...linkSample?.detail.producer, producerId },
      channels: [{ channel: 'shopee', status: 'linked', shopId, credentialsSecretName: `ocop/${shopId}` }],
    };
    await handleRegistry(toEvent('ocop.registry', 'ProductCertified', certification));
    await handleRegistry(toEvent('ocop.registry', 'ProducerChannelsLinked', link));
    await ledger.setFulfilment({ producerId, default: { warehouses: true, showrooms: 'all' } });
    return { productId, producerId, shopId };
  }

  async function handleRegistry(event: CatalogueEvent) {
    if (event['detail-type'] === 'ProductCertified') await ledger.recordCertification(event.detail);
    if (event['detail-type'] === 'ProducerChannelsLinked') await ledger.linkChannels(event.detail);
  }

  const received = (productId: string, quantity: number, movementId = uid('rcv')) =>
    toEvent('ocop.showroom', 'StockReceived', {
      ...sample('StockReceived')?.detail,
      productId,
      movementId,
      quantity,
    });

  async function run(event: CatalogueEvent) {
    const publisher = collectingPublisher();
    await handleStockEvent({ ledger, publisher }, event);
    return publisher.entries;
  }

  it('reserves a marketplace order and releases it on cancellation, announcing each level', async () => {
    // Prepare
    const { productId, shopId } = await certifiedProduct();
    await run(received(productId, 5));
    const order = { channel: 'shopee', shopId, orderId: uid('ord') };
    const line = { sellerSku: productId, quantity: 2 };
    const placed = { ...order, placedAt: '2024-11-18T20:41:00+07:00', lines: [line] };
    const cancelled = { ...order, cancelledAt: '2024-11-18T21:00:00+07:00' };
    // Act
    const reserved = await run(toEvent('marketplace.shopee', 'MarketplaceOrderPlaced', placed));
    const released = await run(toEvent('marketplace.shopee', 'MarketplaceOrderCancelled', cancelled));
    // Assess
    const level = { location: showroom('SR-TH-01'), quantityAtLocation: 5 };
    expect(reserved.map((entry) => entry.detail)).toEqual([
      expect.objectContaining({ ...level, stockVersion: 2 }),
    ]);
    expect(released.map((entry) => entry.detail)).toEqual([
      expect.objectContaining({ ...level, stockVersion: 3 }),
    ]);
    expect(await ledger.availableToSell(productId, 'shopee')).toEqual({ available: 5, stockVersion: 3 });
  });

  it('refuses an order larger than the stock with an oversell notice, reserving nothing', async () => {
    // Prepare
    const { productId, producerId, shopId } = await certifiedProduct();
    await run(received(productId, 2));
    const placed = {
      channel: 'shopee',
      shopId,
      orderId: uid('ord'),
      placedAt: '2024-11-18T20:41:00+07:00',
      lines: [{ sellerSku: productId, quantity: 3 }],
    };
    // Act
    const published = await run(toEvent('marketplace.shopee', 'MarketplaceOrderPlaced', placed));
    // Assess
    expect(published).toEqual([
      {
        detailType: 'StockMovementRejected',
        detail: expect.objectContaining({
          productId,
          producerId,
          reason: 'insufficient-stock',
          requested: 3,
          available: 2,
        }),
      },
    ]);
    expect(await ledger.availableToSell(productId, 'shopee')).toEqual({ available: 2, stockVersion: 1 });
  });

  it('asks for redelivery of an order from a shop the ledger does not know yet', async () => {
    // Prepare
    const placed = {
      channel: 'shopee',
      shopId: uid('unknown-shop'),
      orderId: uid('ord'),
      placedAt: '2024-11-18T20:41:00+07:00',
      lines: [{ sellerSku: 'TH-2024-0001', quantity: 1 }],
    };
    // Act
    const attempt = run(toEvent('marketplace.shopee', 'MarketplaceOrderPlaced', placed));
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(StockEventNotReadyError);
  });
});
