import { createLedger, type Ledger } from '@ocop-sync/ledger';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StockEventNotReadyError } from '../src/stock-errors.js';
import { handleStockEvent } from '../src/stock-ledger.js';
import { toEvent, uid } from './support/catalogue-event.js';
import { memoryPublisher } from './support/memory-publisher.js';
import { movementSample as sample, showroom, stockLedgerFixture } from './support/stock-fixture.js';

describe('stock ledger workflow', () => {
  let table: TestLedgerTable;
  let ledger: Ledger;
  beforeAll(async () => {
    table = await createTestLedgerTable('workflows-stock-ledger');
    ledger = createLedger({ client: table.client, tableName: table.tableName });
  });
  afterAll(async () => table.drop());

  const { certifiedProduct, received, sold, run } = stockLedgerFixture(() => ledger);

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
    const publisher = memoryPublisher();
    // Act
    const attempt = handleStockEvent({ ledger, publisher }, received(uid('not-yet'), 5));
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(StockEventNotReadyError);
    expect(publisher.entries).toEqual([]);
  });
});
