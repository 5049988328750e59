import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultStockSettings } from '../src/availability.js';
import { availableToSell, crossesLowThreshold } from '../src/index.js';
import { decideMovement, type MovementIntent } from '../src/stock-rules.js';

const locations = [
  { type: 'warehouse' as const, locationId: 'W1' },
  { type: 'showroom' as const, locationId: 'S1' },
  { type: 'showroom' as const, locationId: 'S2' },
];
const location = fc.constantFrom(...locations);
const quantity = fc.integer({ min: 1, max: 20 });
const intent: fc.Arbitrary<MovementIntent> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('received' as const, 'sold' as const, 'counted' as const),
    location,
    quantity,
  }),
  fc.record({ kind: fc.constant('transferred' as const), from: location, to: location, quantity }),
  fc.record({ kind: fc.constant('reserved' as const), quantity, available: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant('released' as const), quantity }),
);

describe('stock arithmetic', () => {
  it('never makes a level negative, whatever the sequence of movements', () => {
    fc.assert(
      fc.property(fc.array(intent, { maxLength: 60 }), (intents) => {
        let state = { levels: {} as Record<string, number>, reserved: 0 };
        for (const next of intents) {
          const decision = decideMovement(state, next);
          if (decision.kind === 'applied') state = { levels: decision.levels, reserved: decision.reserved };
        }
        expect(Object.values(state.levels).every((level) => level >= 0)).toBe(true);
        expect(state.reserved).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('keeps the total unchanged across a transfer, or changes nothing', () => {
    fc.assert(
      fc.property(quantity, quantity, (stock, moved) => {
        const state = { levels: { 'warehouse#W1': stock }, reserved: 0 };
        const from = { type: 'warehouse' as const, locationId: 'W1' };
        const to = { type: 'showroom' as const, locationId: 'S1' };
        const decision = decideMovement(state, { kind: 'transferred', from, to, quantity: moved });
        const total =
          decision.kind === 'applied' ? Object.values(decision.levels).reduce((a, b) => a + b, 0) : stock;
        expect(total).toBe(stock);
        expect(decision.kind).toBe(moved > stock ? 'rejected' : 'applied');
      }),
    );
  });

  it('reports a count as the difference from the recorded level', () => {
    const decision = decideMovement(
      { levels: { 'showroom#S1': 9 }, reserved: 0 },
      { kind: 'counted', location: { type: 'showroom', locationId: 'S1' }, quantity: 4 },
    );
    expect(decision).toMatchObject({ kind: 'applied', changes: [{ delta: -5, quantityAtLocation: 4 }] });
  });
});

describe('available to sell', () => {
  const stock = { levels: { 'warehouse#W1': 10, 'showroom#S1': 6, 'showroom#S2': 3 }, reserved: 2 };

  it('counts warehouses only by default, minus reservations and the safety buffer', () => {
    expect(availableToSell(stock, { ...defaultStockSettings, safetyBuffer: 1 }, 'shopee')).toBe(7);
  });

  it('adds the showrooms a channel is configured to sell from', () => {
    const settings = {
      ...defaultStockSettings,
      fulfilment: {
        default: { warehouses: true, showrooms: [] },
        channels: { postmart: { warehouses: true, showrooms: 'all' as const } },
      },
    };
    expect([
      availableToSell(stock, settings, 'postmart'),
      availableToSell(stock, settings, 'lazada'),
    ]).toEqual([17, 8]);
  });

  it('never goes below zero', () => {
    expect(
      availableToSell({ levels: { 'warehouse#W1': 1 }, reserved: 3 }, defaultStockSettings, 'shopee'),
    ).toBe(0);
  });

  it('crosses the low threshold only on the step that goes below it', () => {
    expect([
      crossesLowThreshold(4, 3, 3),
      crossesLowThreshold(3, 2, 3),
      crossesLowThreshold(2, 1, 3),
    ]).toEqual([false, true, false]);
  });
});
