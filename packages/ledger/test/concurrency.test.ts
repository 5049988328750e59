import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LedgerFixture,
  ledgerFixture,
  received,
  showroom,
  sold,
  stockedProduct,
  transferred,
  warehouse,
} from './fixtures.js';

describe('stock ledger under concurrent writers', () => {
  let fixture: LedgerFixture;
  let retries = 0;
  beforeAll(async () => {
    fixture = await ledgerFixture({ onConflictRetry: () => retries++ });
  });
  afterAll(async () => fixture.drop());

  it('applies exactly 5 of 50 concurrent sales of a product with stock 5', async () => {
    // Prepare
    const productId = await stockedProduct(fixture.ledger, 5);
    // Act
    const results = await Promise.all(
      Array.from({ length: 50 }, () => fixture.ledger.applyMovement(sold(productId, warehouse('W1'), 1))),
    );
    // Assess
    const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
    expect([count('applied'), count('rejected')]).toEqual([5, 45]);
    const stock = await fixture.ledger.getStock(productId);
    expect(stock?.levels).toEqual([{ location: warehouse('W1'), quantity: 0 }]);
    expect(stock?.stockVersion).toBe(6);
    expect(results.filter((r) => r.outcome === 'applied' && r.crossedLowThreshold)).toHaveLength(1);
  });

  it('loses no update when many writers receive and transfer at once', async () => {
    // Prepare
    const productId = await stockedProduct(fixture.ledger, 40);
    // Act
    await Promise.all([
      ...Array.from({ length: 20 }, () =>
        fixture.ledger.applyMovement(received(productId, warehouse('W1'), 1)),
      ),
      ...Array.from({ length: 10 }, () =>
        fixture.ledger.transfer(transferred(productId, warehouse('W1'), showroom('SR-1'), 2)),
      ),
    ]);
    // Assess
    const stock = await fixture.ledger.getStock(productId);
    const total = stock?.levels.reduce((sum, level) => sum + level.quantity, 0);
    expect(total).toBe(60);
    expect(stock?.levels).toEqual(expect.arrayContaining([{ location: showroom('SR-1'), quantity: 20 }]));
    expect(stock?.stockVersion).toBe(31);
    expect(retries).toBeGreaterThan(0);
  });

  it('applies a movement delivered many times at once exactly once', async () => {
    // Prepare
    const productId = await stockedProduct(fixture.ledger, 10);
    const sale = sold(productId, warehouse('W1'), 1);
    // Act
    const results = await Promise.all(Array.from({ length: 10 }, () => fixture.ledger.applyMovement(sale)));
    // Assess
    expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(9);
    expect((await fixture.ledger.getStock(productId))?.levels).toEqual([
      { location: warehouse('W1'), quantity: 9 },
    ]);
  });
});
