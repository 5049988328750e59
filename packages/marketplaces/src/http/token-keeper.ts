import type { ShopAccount, ShopTokens, TokenStore } from '../types.js';
import { InvalidAccessTokenError, NeedsHumanError, reauthorizeMessage } from './errors.js';

/** Exchanges a refresh token for new tokens at the marketplace (throws NeedsHumanError when refused). */
export type RefreshTokens = (account: ShopAccount, refreshToken: string) => Promise<ShopTokens>;

export interface TokenKeeperOptions {
  refresh: RefreshTokens;
  /** Refresh this long before the access token expires. */
  refreshAheadMs: number;
  /** Reuse a shop's tokens read from (or stored to) the token store for this long. Default 5 minutes. */
  tokenCacheMs?: number;
  now?: () => number;
}

export const defaultTokenCacheMs = 5 * 60_000;

/** A shop's tokens as this keeper last read or stored them. */
interface HeldTokens {
  tokens: ShopTokens;
  heldSince: number;
  /** The store they came from: an account naming another store is another shop as far as the cache goes. */
  store: TokenStore;
}

/** After a refused refresh, look this many times, this far apart, for a pair another execution stored. */
const RENEWED_ELSEWHERE_LOOKS = 5;
const RENEWED_ELSEWHERE_WAIT_MS = 200;

/**
 * Hands out a valid access token per shop: refreshes ahead of expiry, once more when the marketplace
 * refuses the token, and only once at a time per shop (refresh tokens are single-use on Shopee, so two
 * concurrent refreshes would lock the shop out).
 *
 * It keeps each shop's tokens in memory for `tokenCacheMs` (one keeper per adapter, so per Lambda execution
 * environment): reading the store before every call was a Secrets Manager call each time, and a round trip
 * before each stock push. Another execution may refresh meanwhile; what keeps that correct is the
 * invalid-token path: a refused cached token is dropped and the store read again before any refresh.
 */
export class TokenKeeper {
  readonly #options: TokenKeeperOptions;
  readonly #now: () => number;
  readonly #cacheMs: number;
  readonly #inFlight = new Map<string, Promise<ShopTokens>>();
  readonly #held = new Map<string, HeldTokens>();

  constructor(options: TokenKeeperOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#cacheMs = options.tokenCacheMs ?? defaultTokenCacheMs;
    if (!(this.#cacheMs >= 0)) throw new RangeError('tokenCacheMs must be 0 or more');
  }

  /** Runs `call` with a fresh token; on an invalid-token refusal, refreshes once and runs it again. */
  async withToken<T>(account: ShopAccount, call: (accessToken: string) => Promise<T>): Promise<T> {
    const tokens = await this.#current(account);
    try {
      return await call(tokens.accessToken);
    } catch (error) {
      if (!(error instanceof InvalidAccessTokenError)) throw error;
      this.#forget(account, tokens.accessToken);
      const renewed = await this.refresh(account, tokens.accessToken);
      try {
        return await call(renewed.accessToken);
      } catch (again) {
        if (!(again instanceof InvalidAccessTokenError)) throw again;
        this.#forget(account, renewed.accessToken);
        throw disconnected(account, again);
      }
    }
  }

  /**
   * Refreshes the shop's tokens. `staleAccessToken` is the token a caller saw refused: if another
   * caller has already replaced it, the stored tokens are returned without a second refresh.
   */
  async refresh(account: ShopAccount, staleAccessToken?: string): Promise<ShopTokens> {
    const key = shopKeyOf(account);
    const pending = this.#inFlight.get(key);
    if (pending !== undefined) return pending;
    const task = this.#refreshNow(account, staleAccessToken)
      .then((tokens) => this.#hold(account, tokens))
      .catch((error: unknown) => {
        if (error instanceof NeedsHumanError) this.#forget(account);
        throw error;
      })
      .finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, task);
    return task;
  }

  async #refreshNow(account: ShopAccount, staleAccessToken: string | undefined): Promise<ShopTokens> {
    const stored = await this.#stored(account);
    if (
      staleAccessToken !== undefined &&
      stored.accessToken !== staleAccessToken &&
      !this.#expiring(stored)
    ) {
      return stored;
    }
    if (stored.refreshExpiresAt !== undefined && stored.refreshExpiresAt <= this.#now()) {
      throw disconnected(account, undefined, 'refresh token expired');
    }
    let renewed: ShopTokens;
    try {
      renewed = await this.#options.refresh(account, stored.refreshToken);
    } catch (error) {
      // Another execution environment (its own keeper) may have spent the single-use refresh token a moment
      // ago: its new pair lands in the shared store shortly after. Only if none does is the shop disconnected.
      const theirs =
        error instanceof NeedsHumanError ? await this.#renewedElsewhere(account, stored) : undefined;
      if (theirs === undefined) throw error;
      return theirs;
    }
    await account.tokens.put(account, renewed);
    return renewed;
  }

  async #renewedElsewhere(account: ShopAccount, spent: ShopTokens): Promise<ShopTokens | undefined> {
    for (let look = 0; look < RENEWED_ELSEWHERE_LOOKS; look += 1) {
      const stored = await account.tokens.get(account);
      if (stored !== undefined && stored.refreshToken !== spent.refreshToken) return stored;
      await new Promise((resolve) => setTimeout(resolve, RENEWED_ELSEWHERE_WAIT_MS));
    }
    return undefined;
  }

  async #current(account: ShopAccount): Promise<ShopTokens> {
    const key = shopKeyOf(account);
    const held = this.#held.get(key);
    if (
      held !== undefined &&
      held.store === account.tokens &&
      this.#now() - held.heldSince < this.#cacheMs &&
      !this.#expiring(held.tokens)
    ) {
      return held.tokens;
    }
    const stored = await this.#stored(account);
    if (this.#expiring(stored)) return this.refresh(account);
    // Unless a refresh or a refusal changed the held pair while the store was read.
    if (this.#held.get(key) === held) this.#hold(account, stored);
    return stored;
  }

  async #stored(account: ShopAccount): Promise<ShopTokens> {
    const stored = await account.tokens.get(account);
    if (stored === undefined) {
      this.#forget(account);
      throw disconnected(account, undefined, 'no tokens stored for this shop');
    }
    return stored;
  }

  #hold(account: ShopAccount, tokens: ShopTokens): ShopTokens {
    this.#held.set(shopKeyOf(account), { tokens, heldSince: this.#now(), store: account.tokens });
    return tokens;
  }

  /** Drops the held pair; with `accessToken`, only if it is still that pair (a newer one may be held by now). */
  #forget(account: ShopAccount, accessToken?: string): void {
    const key = shopKeyOf(account);
    const held = this.#held.get(key);
    if (held !== undefined && (accessToken === undefined || held.tokens.accessToken === accessToken)) {
      this.#held.delete(key);
    }
  }

  #expiring(tokens: ShopTokens): boolean {
    return tokens.accessExpiresAt - this.#options.refreshAheadMs <= this.#now();
  }
}

/** The secret name is part of it: a re-linked shop may keep its id but have its tokens in another secret. */
function shopKeyOf(account: ShopAccount): string {
  return `${account.channel}:${account.shopId}:${account.tokenSecretName ?? ''}`;
}

function disconnected(account: ShopAccount, cause?: unknown, why = 'access token refused after a refresh') {
  return new NeedsHumanError(`${account.channel} shop ${account.shopId}: ${why}`, {
    channel: account.channel,
    code: 'shop-disconnected',
    resolution: 'reauthorize-shop',
    humanMessage: reauthorizeMessage(account.channel),
    cause,
  });
}
