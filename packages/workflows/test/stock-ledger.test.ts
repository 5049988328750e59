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

describe('stock ledger workflow', () => {
  let table: TestLedgerTable;
  let ledger: Ledger;
  beforeAll(async () => {
    table = await createTestLedgerTable('workflows-stock-ledger');
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
  const sold = (productId: string, quantity: number, movementId = uid('sale')) =>
    toEvent('ocop.showroom', 'StockSold', {
      ...sample('StockSold')?.detail,
      productId,
      movementId,
      quantity,
    });

  async function run(event: CatalogueEvent) {
    const publisher = collectingPublisher();
    await handleStockEvent({ ledger, publisher }, event);
    return publisher.entries;
  }

  it('announces the new level at the location of an applied movement', async () => {
    // Prepare
    const { productId, producerId } = await certifiedProduct();
    // Act
    const published = await run(received(productId, 12, 'rcv-1'));
    // Assess
    expect(published).toEqual([
      {
        detailType: 'StockLevelChanged',
        detail: expect.objectContaining({
          productId,
          producerId,
          movementId: 'rcv-1',
          stockVersion: 1,
          location: showroom('SR-TH-01'),
          quantityAtLocation: 12,
        }),
      },
    ]);
  });

  it('moves a transfer out of one showroom and into the other, announcing both', async () => {
    // Prepare
    const { productId } = await certifiedProduct();
    await run(received(productId, 12));
    const transfer = { ...sample('StockTransferred')?.detail, productId, movementId: uid('xfer') };
    // Act
    const published = await run(toEvent('ocop.showroom', 'StockTransferred', transfer));
    // Assess
    expect(published.map((entry) => entry.detail)).toEqual([
      expect.objectContaining({ location: showroom('SR-TH-01'), quantityAtLocation: 8, stockVersion: 2 }),
      expect.objectContaining({ location: showroom('SR-TH-02'), quantityAtLocation: 4, stockVersion: 2 }),
    ]);
  });

  it('rejects a sale larger than the stock with an oversell notice, leaving the stock unchanged', async () => {
    // Prepare
    const { productId, producerId } = await certifiedProduct();
    await run(received(productId, 2));
    // Act
    const published = await run(sold(productId, 3, 'sale-too-many'));
    // Assess
    expect(published).toEqual([
      {
        detailType: 'StockMovementRejected',
        detail: expect.objectContaining({
          productId,
          producerId,
          movementId: 'sale-too-many',
          reason: 'insufficient-stock',
          requested: 3,
          available: 2,
        }),
      },
    ]);
    expect(await ledger.getStock(productId)).toMatchObject({ stockVersion: 1, levels: [{ quantity: 2 }] });
  });

  it('re-publishes the same events for a duplicate movement and changes nothing', async () => {
    // Prepare
    const { productId } = await certifiedProduct();
    await run(received(productId, 10));
    const first = await run(sold(productId, 8, 'sale-twice'));
    const log = await ledger.movementLog(productId);
    // Act
    const again = await run(sold(productId, 8, 'sale-twice'));
    // Assess
    expect(again).toEqual(first);
    expect(await ledger.movementLog(productId)).toHaveLength(log.length);
    expect(await ledger.getStock(productId)).toMatchObject({ stockVersion: 2, levels: [{ quantity: 2 }] });
  });

  it('announces low stock once, on the sale that crosses the threshold', async () => {
    // Prepare
    const { productId } = await certifiedProduct();
    await run(received(productId, 6));
    // Act
    const published = [];
    for (let sale = 0; sale < 6; sale += 1) published.push(...(await run(sold(productId, 1))));
    // Assess
    const lows = published.filter((entry) => entry.detailType === 'StockLow');
    expect(lows).toEqual([
      { detailType: 'StockLow', detail: expect.objectContaining({ productId, available: 2, threshold: 3 }) },
    ]);
  });

  it('asks for redelivery of a movement whose product is not certified yet', async () => {
    // Prepare
    const publisher = collectingPublisher();
    // Act
    const attempt = handleStockEvent({ ledger, publisher }, received(uid('not-yet'), 5));
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(StockEventNotReadyError);
    expect(publisher.entries).toEqual([]);
  });
});
