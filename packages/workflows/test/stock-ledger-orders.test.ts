import { createLedger, type Ledger } from '@ocop-sync/ledger';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StockEventNotReadyError } from '../src/stock-errors.js';
import { toEvent, uid } from './support/catalogue-event.js';
import { showroom, stockLedgerFixture } from './support/stock-fixture.js';

describe('stock ledger workflow for marketplace orders', () => {
  let table: TestLedgerTable;
  let ledger: Ledger;
  beforeAll(async () => {
    table = await createTestLedgerTable('workflows-stock-orders');
    ledger = createLedger({ client: table.client, tableName: table.tableName });
  });
  afterAll(async () => table.drop());

  const { certifiedProduct, received, run } = stockLedgerFixture(() => ledger);

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
