import type { Logger } from '../types.js';
import type { RateLimit } from './rate-limiter.js';

/** A reservation of `count` consecutive permits on an app-wide limit that every execution shares. */
export interface PermitClaim {
  /** The limit's scope, e.g. `postmart:app:<client id>`. */
  key: string;
  count: number;
  /** Milliseconds between two permits: 1000 / the rate. */
  intervalMs: number;
  /** The claimant's clock (epoch ms). */
  now: number;
}

/**
 * Where executions reserve permits (the ledger table in AWS and locally): one "next free moment" per limit.
 * A claim moves it on by `count × intervalMs` from itself or from now, whichever is later, and answers when
 * the first of its permits may go; the others follow one interval apart. So every permit ever handed out,
 * by any execution, sits at its own moment on one timeline at exactly the rate.
 */
export interface RatePermitStore {
  claim(claim: PermitClaim): Promise<{ firstAt: number }>;
}

export interface SharedRateLimiterOptions {
  store: RatePermitStore;
  logger?: Logger;
  now?: () => number;
}

interface Waiter {
  resolve(waitMs: number): void;
  reject(error: unknown): void;
}

interface KeyState {
  limit: RateLimit;
  waiting: Waiter[];
  claiming: boolean;
  /** When this execution last claimed (epoch ms): it counts as busy for a while after. */
  lastClaimAt: number;
  /** The marketplace asked us to slow down until then. */
  pausedUntil: number;
  /** The store failed: until then calls use this execution's own share without trying it again. */
  unavailableUntil: number;
}

/** After the store fails, leave it alone this long (no retry storm, one warning) before trying again. */
const UNAVAILABLE_BACKOFF_MS = 30_000;

/** An execution that claimed within this long is busy: its calls go through claims, not its own share. */
const QUIET_AFTER_MS = 1_000;

/**
 * An app-wide rate limit shared by every execution that calls a marketplace (the generic cell rate algorithm
 * on one item of a shared store). An execution reserves permits for all of its waiting calls in one write
 * and each call waits for its own moment, so the executions together keep to the marketplace's per-app limit
 * while any one of them may use all of it — a static split leaves most of the limit idle when one function
 * is busy and the others are not.
 *
 * When the store cannot be reached `acquire` rejects and the HTTP client falls back to this execution's
 * static share, so a ledger hiccup slows calls down but never stops them.
 */
export class SharedRateLimiter {
  readonly #store: RatePermitStore;
  readonly #logger: Logger | undefined;
  readonly #now: () => number;
  readonly #keys = new Map<string, KeyState>();

  constructor(options: SharedRateLimiterOptions) {
    this.#store = options.store;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  /** Resolves with how many milliseconds the caller must wait before its call may go. */
  acquire(key: string, limit: RateLimit): Promise<number> {
    const state = this.#stateOf(key, limit);
    if (this.#now() < state.unavailableUntil) {
      return Promise.reject(
        new Error(`shared rate limit for ${key} unavailable; using this execution’s share`),
      );
    }
    const granted = new Promise<number>((resolve, reject) => state.waiting.push({ resolve, reject }));
    this.#claimFor(key, state);
    return granted;
  }

  /**
   * True when this execution has not needed to claim for a while: a quiet path (a lone stock push) may then go
   * on its own share and be counted afterwards with `record`. A busy execution always claims.
   */
  idle(key: string): boolean {
    const state = this.#keys.get(key);
    return state === undefined || this.#now() - state.lastClaimAt > QUIET_AFTER_MS;
  }

  /**
   * A call went without a claim (this execution's own share allowed it at once): reserve its permit
   * afterwards, so the calls claimed later by any execution come that much later. Nothing waits for it.
   */
  record(key: string, limit: RateLimit): void {
    const claim = { key, count: 1, intervalMs: 1000 / limit.ratePerSecond, now: this.#now() };
    this.#store.claim(claim).catch((error: unknown) => this.#unavailable(key, error));
  }

  /** The marketplace throttled us anyway (another client of the same app?): no permit before `ms` from now. */
  pause(key: string, ms: number): void {
    const state = this.#keys.get(key);
    if (state !== undefined) state.pausedUntil = Math.max(state.pausedUntil, this.#now() + ms);
  }

  #stateOf(key: string, limit: RateLimit): KeyState {
    let state = this.#keys.get(key);
    if (state === undefined) {
      state = {
        limit,
        waiting: [],
        claiming: false,
        lastClaimAt: Number.NEGATIVE_INFINITY,
        pausedUntil: Number.NEGATIVE_INFINITY,
        unavailableUntil: Number.NEGATIVE_INFINITY,
      };
      this.#keys.set(key, state);
    }
    return state;
  }

  /** One claim at a time per limit, for every call waiting when it is sent. */
  #claimFor(key: string, state: KeyState): void {
    if (state.claiming || state.waiting.length === 0) return;
    const waiters = state.waiting.splice(0);
    const intervalMs = 1000 / state.limit.ratePerSecond;
    const now = Math.max(this.#now(), state.pausedUntil);
    state.claiming = true;
    state.lastClaimAt = this.#now();
    this.#store.claim({ key, count: waiters.length, intervalMs, now }).then(
      ({ firstAt }) => {
        state.claiming = false;
        const answeredAt = this.#now();
        waiters.forEach((waiter, index) => {
          waiter.resolve(Math.max(0, firstAt + index * intervalMs - answeredAt));
        });
        this.#claimFor(key, state);
      },
      (error: unknown) => {
        state.claiming = false;
        state.unavailableUntil = this.#now() + UNAVAILABLE_BACKOFF_MS;
        this.#unavailable(key, error);
        for (const waiter of [...waiters, ...state.waiting.splice(0)]) waiter.reject(error);
      },
    );
  }

  #unavailable(key: string, error: unknown): void {
    this.#logger?.warn('shared rate limit unavailable; using this execution’s share', {
      key,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
