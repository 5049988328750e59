import { describe, expect, it } from 'vitest';
import { createPacer, readsFor } from '../src/reconciliation-pacing.js';

describe('read-back pacing', () => {
  it('counts one read per page the marketplace returns', () => {
    expect([readsFor('shopee', 120), readsFor('lazada', 50), readsFor('postmart', 7)]).toEqual([3, 1, 7]);
  });

  it('spreads reads evenly within the per-minute budget, the first batch at once', async () => {
    // Prepare: a fake wall clock that the pacer's waits advance.
    let now = 0;
    const waits: number[] = [];
    const pacer = createPacer(
      60,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    // Act
    await pacer.take(1);
    await pacer.take(10);
    await pacer.take(5);
    await pacer.take(1);
    // Assess: 60 reads a minute is one a second; each batch waits for the previous batch's share.
    expect(waits).toEqual([1_000, 10_000, 5_000]);
    expect(now).toBe(16_000);
  });

  it('does not wait when the caller was slower than the budget', async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = createPacer(
      120,
      () => now,
      async (ms) => void waits.push(ms),
    );
    await pacer.take(2);
    now += 5_000; // the checks after the first read took longer than its share
    await pacer.take(2);
    expect(waits).toEqual([]);
  });
});
