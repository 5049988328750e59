import type { BucketConfig } from '../types.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/** Token buckets keyed by strings (e.g. `app:…`, `shop:…`); a request must find a token in every bucket. */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  take(levels: ReadonlyArray<{ key: string; config: BucketConfig | false }>): RateDecision {
    const active = levels.flatMap(({ key, config }) =>
      config ? [{ config, bucket: this.#refill(key, config) }] : [],
    );
    const empty = active.filter(({ bucket }) => bucket.tokens < 1);
    if (empty.length > 0) {
      const waits = empty.map(({ config, bucket }) => ((1 - bucket.tokens) / config.ratePerSecond) * 1000);
      return { ok: false, retryAfterMs: Math.ceil(Math.max(...waits)) };
    }
    for (const { bucket } of active) bucket.tokens -= 1;
    return { ok: true };
  }

  clear(): void {
    this.#buckets.clear();
  }

  #refill(key: string, config: BucketConfig): Bucket {
    const now = this.now();
    const bucket = this.#buckets.get(key) ?? { tokens: config.burst, updatedAt: now };
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(config.burst, bucket.tokens + elapsedSeconds * config.ratePerSecond);
    bucket.updatedAt = now;
    this.#buckets.set(key, bucket);
    return bucket;
  }
}
