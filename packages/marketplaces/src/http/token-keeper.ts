import type { ShopAccount, ShopTokens } from '../types.js';
import { InvalidAccessTokenError, NeedsHumanError, reauthorizeMessage } from './errors.js';

/** Exchanges a refresh token for new tokens at the marketplace (throws NeedsHumanError when refused). */
export type RefreshTokens = (account: ShopAccount, refreshToken: string) => Promise<ShopTokens>;

export interface TokenKeeperOptions {
  refresh: RefreshTokens;
  /** Refresh this long before the access token expires. */
  refreshAheadMs: number;
  now?: () => number;
}

/** After a refused refresh, look this many times, this far apart, for a pair another execution stored. */
const RENEWED_ELSEWHERE_LOOKS = 5;
const RENEWED_ELSEWHERE_WAIT_MS = 200;

/**
 * Hands out a valid access token per shop: refreshes ahead of expiry, once more when the marketplace
 * refuses the token, and only once at a time per shop (refresh tokens are single-use on Shopee, so two
 * concurrent refreshes would lock the shop out).
 */
export class TokenKeeper {
  readonly #options: TokenKeeperOptions;
  readonly #now: () => number;
  readonly #inFlight = new Map<string, Promise<ShopTokens>>();

  constructor(options: TokenKeeperOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Runs `call` with a fresh token; on an invalid-token refusal, refreshes once and runs it again. */
  async withToken<T>(account: ShopAccount, call: (accessToken: string) => Promise<T>): Promise<T> {
    const tokens = await this.#current(account);
    try {
      return await call(tokens.accessToken);
    } catch (error) {
      if (!(error instanceof InvalidAccessTokenError)) throw error;
      const renewed = await this.refresh(account, tokens.accessToken);
      try {
        return await call(renewed.accessToken);
      } catch (again) {
        if (again instanceof InvalidAccessTokenError) throw disconnected(account, again);
        throw again;
      }
    }
  }

  /**
   * Refreshes the shop's tokens. `staleAccessToken` is the token a caller saw refused: if another
   * caller has already replaced it, the stored tokens are returned without a second refresh.
   */
  async refresh(account: ShopAccount, staleAccessToken?: string): Promise<ShopTokens> {
    const key = `${account.channel}:${account.shopId}`;
    const pending = this.#inFlight.get(key);
    if (pending !== undefined) return pending;
    const task = this.#refreshNow(account, staleAccessToken).finally(() => this.#inFlight.delete(key));
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
    const stored = await this.#stored(account);
    return this.#expiring(stored) ? this.refresh(account) : stored;
  }

  async #stored(account: ShopAccount): Promise<ShopTokens> {
    const stored = await account.tokens.get(account);
    if (stored === undefined) throw disconnected(account, undefined, 'no tokens stored for this shop');
    return stored;
  }

  #expiring(tokens: ShopTokens): boolean {
    return tokens.accessExpiresAt - this.#options.refreshAheadMs <= this.#now();
  }
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
