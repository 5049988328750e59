export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly accessTokenExpiresAt: number;
  readonly refreshTokenExpiresAt: number;
}

export interface TokenPolicy {
  readonly now: () => number;
  readonly accessTtlMs: number;
  readonly refreshTtlMs: number;
  readonly codeTtlMs: number;
  readonly makeToken: (use: 'access' | 'refresh' | 'code') => string;
}

export interface RefreshRules {
  /** Lazada: the new refresh token keeps the old one's expiry ("the duration of the refresh token will not be reset"). */
  readonly keepRefreshExpiry: boolean;
  /** Shopee: the previous access token stays valid this long after a refresh. */
  readonly oldAccessGraceMs: number;
}

export type RefreshOutcome =
  | { readonly ok: true; readonly shopId: string; readonly pair: TokenPair }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

interface Grant {
  readonly shopId: string;
  expiresAt: number;
}

/** Access tokens, single-use refresh tokens and single-use authorisation codes, all with expiry. */
export class TokenStore {
  readonly #access = new Map<string, Grant>();
  readonly #refresh = new Map<string, Grant>();
  readonly #codes = new Map<string, Grant>();
  readonly #current = new Map<string, TokenPair>();

  constructor(private readonly policy: TokenPolicy) {}

  issue(shopId: string, refreshExpiresAt?: number): TokenPair {
    const now = this.policy.now();
    const pair: TokenPair = {
      accessToken: this.policy.makeToken('access'),
      refreshToken: this.policy.makeToken('refresh'),
      accessTokenExpiresAt: now + this.policy.accessTtlMs,
      refreshTokenExpiresAt: refreshExpiresAt ?? now + this.policy.refreshTtlMs,
    };
    this.#access.set(pair.accessToken, { shopId, expiresAt: pair.accessTokenExpiresAt });
    this.#refresh.set(pair.refreshToken, { shopId, expiresAt: pair.refreshTokenExpiresAt });
    this.#current.set(shopId, pair);
    return pair;
  }

  issueCode(shopId: string): string {
    const code = this.policy.makeToken('code');
    this.#codes.set(code, { shopId, expiresAt: this.policy.now() + this.policy.codeTtlMs });
    return code;
  }

  /** Single use: a redeemed, unknown or expired code yields undefined. */
  redeemCode(code: string): string | undefined {
    const grant = this.#codes.get(code);
    this.#codes.delete(code);
    return grant && grant.expiresAt > this.policy.now() ? grant.shopId : undefined;
  }

  /** The shop an unexpired access token belongs to. */
  shopOfAccessToken(token: string): string | undefined {
    const grant = this.#access.get(token);
    return grant && grant.expiresAt > this.policy.now() ? grant.shopId : undefined;
  }

  refresh(refreshToken: string, rules: RefreshRules): RefreshOutcome {
    const grant = this.#refresh.get(refreshToken);
    if (!grant) return { ok: false, reason: 'invalid' };
    const now = this.policy.now();
    if (grant.expiresAt <= now) return { ok: false, reason: 'expired' };
    this.#refresh.delete(refreshToken);
    const previous = this.#current.get(grant.shopId);
    const oldAccess = previous ? this.#access.get(previous.accessToken) : undefined;
    if (oldAccess) oldAccess.expiresAt = Math.min(oldAccess.expiresAt, now + rules.oldAccessGraceMs);
    const pair = this.issue(grant.shopId, rules.keepRefreshExpiry ? grant.expiresAt : undefined);
    return { ok: true, shopId: grant.shopId, pair };
  }

  /** Every access token of the shop expires now. */
  expireAccess(shopId: string): void {
    const now = this.policy.now();
    for (const grant of this.#access.values()) {
      if (grant.shopId === shopId) grant.expiresAt = Math.min(grant.expiresAt, now);
    }
  }

  /** The seller ended the app's authorisation: every token and unused code of the shop stops working. */
  revokeShop(shopId: string): void {
    for (const grants of [this.#access, this.#refresh, this.#codes]) {
      for (const [token, grant] of grants) if (grant.shopId === shopId) grants.delete(token);
    }
    this.#current.delete(shopId);
  }

  clear(): void {
    this.#access.clear();
    this.#refresh.clear();
    this.#codes.clear();
    this.#current.clear();
  }
}
