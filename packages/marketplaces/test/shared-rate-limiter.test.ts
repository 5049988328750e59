import { describe, expect, it } from 'vitest';
import { type PermitClaim, type RatePermitStore, SharedRateLimiter } from '../src/index.js';

/**
 * The limit's "next free moment" as the ledger table keeps it (packages/ledger/test/rate-permits.test.ts
 * checks the DynamoDB store itself): claims are applied one after another.
 */
class PaceStore implements RatePermitStore {
  readonly #nextAt = new Map<string, number>();
  claims = 0;

  async claim(claim: PermitClaim): Promise<{ firstAt: number }> {
    this.claims += 1;
    const firstAt = Math.max(claim.now, this.#nextAt.get(claim.key) ?? Number.NEGATIVE_INFINITY);
    this.#nextAt.set(claim.key, firstAt + claim.count * claim.intervalMs);
    return { firstAt };
  }
}

const limit = { ratePerSecond: 50, burst: 50 }; // one permit every 20 ms
const start = Date.parse('2026-11-23T19:30:00Z');
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('a rate limit shared by several executions', () => {
  it('gives three executions one permit each 20 ms between them, never two at once', async () => {
    const store = new PaceStore();
    const executions = [1, 2, 3].map(() => new SharedRateLimiter({ store, now: () => start }));
    // 60 calls at 50/s, spread over the three executions, all asked for at the same moment.
    const waits = await Promise.all(
      Array.from({ length: 60 }, (_, call) => executions[call % 3]?.acquire('postmart:app:c1', limit)),
    );
    expect(waits.toSorted((a = 0, b = 0) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, call) => call * 20),
    );
    // One claim carries every call waiting in an execution: the first call's, then the other 19 at once.
    expect(store.claims).toBe(6);
  });

  it('lets one busy execution use the whole limit when the others are idle', async () => {
    const busy = new SharedRateLimiter({ store: new PaceStore(), now: () => start });
    const waits = await Promise.all(Array.from({ length: 50 }, () => busy.acquire('shopee:app:1', limit)));
    // 50 calls in one second, where a static third of the limit would take three.
    expect(Math.max(...waits)).toBe(980);
  });

  it('counts calls made on an idle execution’s own share, so later claims queue behind them', async () => {
    let clock = start;
    const store = new PaceStore();
    const limiter = new SharedRateLimiter({ store, now: () => clock });
    const key = 'lazada:app:k';
    expect(limiter.idle(key)).toBe(true);
    for (let call = 0; call < 3; call += 1) limiter.record(key, limit);
    await settle();
    // A busy execution elsewhere claims after those three.
    const elsewhere = new SharedRateLimiter({ store, now: () => clock });
    expect(await elsewhere.acquire(key, limit)).toBe(60);
    // Claiming makes an execution busy for a second: its calls then always claim.
    await limiter.acquire(key, limit);
    expect(limiter.idle(key)).toBe(false);
    clock += 1_001;
    expect(limiter.idle(key)).toBe(true);
  });

  it('hands out no permit during a pause the marketplace asked for', async () => {
    const limiter = new SharedRateLimiter({ store: new PaceStore(), now: () => start });
    await limiter.acquire('lazada:app:k', limit);
    limiter.pause('lazada:app:k', 1_000);
    expect(await limiter.acquire('lazada:app:k', limit)).toBe(1_000);
  });

  it('rejects every waiting call when the store fails, then leaves the store alone for 30 s', async () => {
    let clock = start;
    let claims = 0;
    const limiter = new SharedRateLimiter({
      store: {
        claim: () => {
          claims += 1;
          return Promise.reject(new Error('table unreachable'));
        },
      },
      now: () => clock,
    });
    const outcomes = await Promise.allSettled([
      limiter.acquire('postmart:app:c3', limit),
      limiter.acquire('postmart:app:c3', limit),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    // The caller falls back to its own share; the store is not asked again until the back-off has passed.
    await expect(limiter.acquire('postmart:app:c3', limit)).rejects.toThrow(/unavailable/);
    expect(claims).toBe(1);
    clock += 30_001;
    await expect(limiter.acquire('postmart:app:c3', limit)).rejects.toThrow(/table unreachable/);
    expect(claims).toBe(2);
  });
});
