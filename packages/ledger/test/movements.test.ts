import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerValidationError } from '../src/index.js';
import {
  counted,
  type LedgerFixture,
  ledgerFixture,
  received,
  showroom,
  sold,
  stockedProduct,
  transferred,
  uid,
  warehouse,
} from './fixtures.js';

describe('stock ledger', () => {
  let fixture: LedgerFixture;
  beforeAll(async () => {
    fixture = await ledgerFixture();
  });
  afterAll(async () => fixture.drop());

  it('applies a sale and reports the new level and stock version', async () => {
    // Prepare
    const productId = await stockedProduct(fixture.ledger, 10);
    // Act
    const result = await fixture.ledger.applyMovement(sold(productId, warehouse('W1'), 3));
    // Assess
    expect(result).toMatchObject({
      outcome: 'applied',
      kind: 'sold',
      stockVersion: 2,
      changes: [{ location: warehouse('W1'), delta: -3, quantityAtLocation: 7 }],
      available: 7,
    });
  });

  it('reports a movement applied twice as a duplicate carrying the first result', async () => {
    // Prepare
    const productId = await stockedProduct(fixture.ledger, 10);
    const sale = sold(productId, warehouse('W1'), 2);
    const first = await fixture.ledger.applyMovement(sale);
    // Act
    const second = await fixture.ledger.applyMovement(sale);
    // Assess
    expect(second).toEqual({
      outcome: 'duplicate',
      movementId: sale.detail.movementId,
      productId,
      original: first,
    });
    expect((await fixture.ledger.getStock(productId))?.levels).toEqual([
      { location: warehouse('W1'), quantity: 8 },
    ]);
  });

  it('rejects a sale that would make stock negative and records why', async () => {
    // Prepare
    const productId = await stockedProduct(fixture.ledger, 2);
    // Act
    const result = await fixture.ledger.applyMovement(sold(productId, warehouse('W1'), 3));
    // Assess
    expect(result).toMatchObject({
      outcome: 'rejected',
      reason: 'insufficient-stock',
      requested: 3,
      available: 2,
      retryable: false,
    });
    const log = await fixture.ledger.movementLog(productId);
    expect(log.map((m) => m.result.outcome)).toEqual(['applied', 'rejected']);
    expect((await fixture.ledger.getStock(productId))?.stockVersion).toBe(1);
  });

  it('rejects a sale at a location the product never reached', async () => {
    // Prepare
    const productId = await stockedProduct(fixture.ledger, 5);
    // Act
    const result = await fixture.ledger.applyMovement(sold(productId, showroom('SR-NOWHERE'), 1));
    // Assess
    expect(result).toMatchObject({ outcome: 'rejected', reason: 'unknown-location' });
  });

  it('sets the level absolutely on a count and records the difference', async () => {
    // Prepare
    const productId = await stockedProduct(fixture.ledger, 10);
    // Act
    const result = await fixture.ledger.applyMovement(counted(productId, warehouse('W1'), 6));
    // Assess
    expect(result).toMatchObject({
      outcome: 'applied',
      changes: [{ location: warehouse('W1'), delta: -4, quantityAtLocation: 6 }],
    });
  });

  it('moves stock between locations in one step', async () => {
    // Prepare
    const productId = await stockedProduct(fixture.ledger, 10);
    // Act
    const result = await fixture.ledger.transfer(
      transferred(productId, warehouse('W1'), showroom('SR-1'), 4),
    );
    // Assess
    expect(result).toMatchObject({ outcome: 'applied', stockVersion: 2 });
    const levels = (await fixture.ledger.getStock(productId))?.levels;
    expect(levels).toEqual(
      expect.arrayContaining([
        { location: warehouse('W1'), quantity: 6 },
        { location: showroom('SR-1'), quantity: 4 },
      ]),
    );
  });

  it('leaves both locations untouched when a transfer exceeds the origin', async () => {
    // Prepare
    const productId = await stockedProduct(fixture.ledger, 3);
    // Act
    const result = await fixture.ledger.transfer(
      transferred(productId, warehouse('W1'), showroom('SR-1'), 4),
    );
    // Assess
    expect(result).toMatchObject({ outcome: 'rejected', reason: 'insufficient-stock', available: 3 });
    expect((await fixture.ledger.getStock(productId))?.levels).toEqual([
      { location: warehouse('W1'), quantity: 3 },
    ]);
  });

  it('rejects a movement for a product not in the ledger as retryable, recording nothing', async () => {
    // Prepare
    const productId = uid('prod');
    // Act
    const result = await fixture.ledger.applyMovement(received(productId, warehouse('W1'), 5));
    // Assess
    expect(result).toMatchObject({ outcome: 'rejected', reason: 'unknown-product', retryable: true });
    expect(await fixture.ledger.movementLog(productId)).toEqual([]);
  });

  it('flags the low-stock crossing once, not on every later sale', async () => {
    // Prepare: default threshold 3
    const productId = await stockedProduct(fixture.ledger, 5);
    // Act
    const flags = [];
    for (let sale = 0; sale < 4; sale++) {
      const result = await fixture.ledger.applyMovement(sold(productId, warehouse('W1'), 1));
      flags.push(result.outcome === 'applied' && result.crossedLowThreshold);
    }
    // Assess: 5→4, 4→3, 3→2 (crosses), 2→1
    expect(flags).toEqual([false, false, true, false]);
  });

  it('increases the stock version on every applied movement', async () => {
    // Prepare
    const productId = await stockedProduct(fixture.ledger, 5);
    // Act
    await fixture.ledger.applyMovement(received(productId, showroom('SR-2'), 2));
    await fixture.ledger.applyMovement(sold(productId, showroom('SR-2'), 1));
    // Assess
    const log = await fixture.ledger.movementLog(productId);
    expect(log.map((m) => (m.result.outcome === 'applied' ? m.result.stockVersion : 0))).toEqual([1, 2, 3]);
  });

  it('rejects bad input before any write, naming the field', async () => {
    // Prepare
    const productId = await stockedProduct(fixture.ledger, 5);
    const sale = sold(productId, warehouse('W1'), 1);
    const bad = [
      { ...sale, detail: { ...sale.detail, quantity: -2 } },
      { ...sale, detail: { ...sale.detail, unitPriceVnd: 1500.5 } },
      { ...sale, detail: { ...sale.detail, productId: 'có dấu cách' } },
      { ...sale, detail: { ...sale.detail, location: { type: 'kiosk', locationId: 'K1' } } },
    ];
    // Act
    const errors = await Promise.all(
      bad.map((event) => fixture.ledger.applyMovement(event as typeof sale).catch((error: unknown) => error)),
    );
    // Assess
    expect(errors.map((error) => error instanceof LedgerValidationError && error.issues[0]?.path)).toEqual([
      'detail.quantity',
      'detail.unitPriceVnd',
      'detail.productId',
      'detail.location.type',
    ]);
    expect(await fixture.ledger.movementLog(productId)).toHaveLength(1);
  });
});
