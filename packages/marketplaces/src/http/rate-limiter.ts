/** Requests per second and how many may go at once after a quiet spell. */
export interface RateLimit {
  ratePerSecond: number;
  burst: number;
}

export type Clock = () => number;

/**
 * Token bucket that lets callers reserve future tokens: a caller that finds the bucket empty takes a
 * token on credit and is told how long to wait, so concurrent callers queue up at exactly the rate.
 */
export class TokenBucket {
  readonly #limit: RateLimit;
  readonly #now: Clock;
  #tokens: number;
  #updatedAt: number;

  constructor(limit: RateLimit, now: Clock = Date.now) {
    if (!(limit.ratePerSecond > 0) || !(limit.burst >= 1)) {
      throw new RangeError('a rate limit needs ratePerSecond > 0 and burst >= 1');
    }
    this.#limit = limit;
    this.#now = now;
    this.#tokens = limit.burst;
    this.#updatedAt = now();
  }

  /** Takes one token and returns how many milliseconds the caller must wait before using it. */
  reserve(): number {
    this.#refill();
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : (-this.#tokens * 1000) / this.#limit.ratePerSecond;
  }

  /** Takes a token only if one is there now (no credit): the caller may go at once. */
  tryTake(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** The marketplace said "slow down": no token is handed out for `ms`. */
  pause(ms: number): void {
    this.#refill();
    const debt = -(ms * this.#limit.ratePerSecond) / 1000;
    this.#tokens = Math.min(this.#tokens, debt);
  }

  #refill(): void {
    const now = this.#now();
    const earned = ((now - this.#updatedAt) * this.#limit.ratePerSecond) / 1000;
    this.#tokens = Math.min(this.#limit.burst, this.#tokens + earned);
    this.#updatedAt = now;
  }
}

/** Buckets by key (`app:<id>`, `shop:<channel>:<id>`), created on first use with the limit for that scope. */
export class RateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #now: Clock;

  constructor(now: Clock = Date.now) {
    this.#now = now;
  }

  /** Reserves a token in every bucket the request counts against; resolves once all allow it. */
  reserve(scopes: readonly { key: string; limit: RateLimit }[]): number {
    let waitMs = 0;
    for (const scope of scopes) waitMs = Math.max(waitMs, this.#bucket(scope.key, scope.limit).reserve());
    return waitMs;
  }

  /** Takes a token from the scope's bucket only if one is there now. */
  tryTake(scope: { key: string; limit: RateLimit }): boolean {
    return this.#bucket(scope.key, scope.limit).tryTake();
  }

  pause(scopes: readonly { key: string; limit: RateLimit }[], ms: number): void {
    for (const scope of scopes) this.#bucket(scope.key, scope.limit).pause(ms);
  }

  #bucket(key: string, limit: RateLimit): TokenBucket {
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(limit, this.#now);
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }
}
