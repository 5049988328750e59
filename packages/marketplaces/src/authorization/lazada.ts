import { z } from 'zod';
import { sharedKit } from '../http/adapter-options.js';
import { MarketplaceError } from '../http/errors.js';
import type { LazadaAdapterOptions } from '../lazada/adapter.js';
import { LazadaApi } from '../lazada/client.js';
import { tokenAnswer } from '../lazada/payload.js';
import type { ShopAccount } from '../types.js';
import { AuthorizationRejectedError } from './errors.js';
import type { AuthorizedShop, RevokeOutcome, ShopAuthorizer } from './types.js';

export interface LazadaAuthorizerOptions extends LazadaAdapterOptions {
  /** The seller's authorisation page; defaults to `/oauth/authorize` on the host of `authBaseUrl` (or `baseUrl`). */
  authorizePageUrl?: string;
}

/** The venture ocop-sync sells in: the seller id is the one `country_user_info` gives for `vn`. */
const VENTURE = 'vn';

/** `/auth/token/create` answer: flat, with the seller per country (LAZ-API system-api/generateaccesstoken.json). */
const createAnswer = tokenAnswer.extend({
  country: z.string().optional(),
  country_user_info: z
    .array(z.object({ country: z.string(), seller_id: z.union([z.string(), z.number()]).transform(String) }))
    .optional()
    .default([]),
});

const defaults = {
  rateLimits: { perApp: { ratePerSecond: 50, burst: 50 }, perShop: { ratePerSecond: 10, burst: 10 } },
  refreshAheadMs: 0,
};

/**
 * Lazada seller authorisation, OAuth 2.0 "code for token" (LAZ-GUIDE quick-start-guide/
 * seller-authorization-introduction): `https://auth.lazada.com/oauth/authorize?response_type=code&
 * force_auth=true&redirect_uri=<registered callback>&client_id=<app key>&state=…`; the browser returns to
 * `redirect_uri?code=…&state=…`; the code (single-use, 30 minutes) is exchanged at `/auth/token/create`.
 */
export class LazadaShopAuthorizer implements ShopAuthorizer {
  readonly channel = 'lazada' as const;
  readonly #appKey: string;
  readonly #authorizePage: string;
  readonly #api: LazadaApi;
  readonly #scopes: ReturnType<typeof sharedKit>['scopes'];
  readonly #now: () => number;

  constructor(options: LazadaAuthorizerOptions) {
    const kit = sharedKit('lazada', options.appKey, options, defaults);
    const auth = options.authBaseUrl?.replace(/\/+$/, '') ?? kit.baseUrl;
    this.#api = new LazadaApi(options, kit.http, { api: kit.baseUrl, auth }, kit.now);
    this.#scopes = kit.scopes;
    this.#now = kit.now;
    this.#appKey = options.appKey;
    this.#authorizePage = options.authorizePageUrl ?? new URL('/oauth/authorize', auth).toString();
  }

  authorizationUrl(input: { state: string; redirectUrl: string; now?: number }): string {
    const url = new URL(this.#authorizePage);
    url.searchParams.set('response_type', 'code');
    // Asks the seller to sign in again even with a live Lazada session, so the right shop is chosen.
    url.searchParams.set('force_auth', 'true');
    url.searchParams.set('redirect_uri', input.redirectUrl);
    url.searchParams.set('client_id', this.#appKey);
    url.searchParams.set('state', input.state);
    return url.toString();
  }

  /** `redirectUrl` is not sent: `/auth/token/create` takes the code alone. */
  async completeAuthorization(input: {
    query: Readonly<Record<string, string>>;
    redirectUrl: string;
  }): Promise<AuthorizedShop> {
    const { code, error } = input.query;
    if (error !== undefined) throw new AuthorizationRejectedError('lazada', 'denied-by-seller', error);
    if (!code) throw new AuthorizationRejectedError('lazada', 'callback-incomplete', 'code missing');
    let answer: z.infer<typeof createAnswer>;
    try {
      answer = createAnswer.parse(
        await this.#api.call({
          method: 'POST',
          path: '/auth/token/create',
          base: 'auth',
          params: { code },
          scopes: this.#scopes(),
          // Single-use code: a timeout or 5xx may have spent it, so only throttling is retried.
          retryAmbiguous: false,
        }),
      );
    } catch (failure) {
      if (failure instanceof MarketplaceError && failure.code === 'InvalidCode') {
        throw new AuthorizationRejectedError('lazada', 'code-rejected', failure.message, {
          code: failure.code,
          cause: failure,
        });
      }
      throw failure;
    }
    const at = this.#now();
    const seller = answer.country_user_info.find((entry) => entry.country === VENTURE);
    if (seller === undefined) {
      throw new AuthorizationRejectedError('lazada', 'shop-not-in-venture', `no seller for ${VENTURE}`);
    }
    return {
      shopId: seller.seller_id,
      tokens: {
        accessToken: answer.access_token,
        refreshToken: answer.refresh_token,
        accessExpiresAt: at + answer.expires_in * 1000,
        ...(answer.refresh_expires_in === undefined
          ? {}
          : { refreshExpiresAt: at + answer.refresh_expires_in * 1000 }),
      },
    };
  }

  /** The seller-authorisation guide documents no token revocation API. */
  async revoke(_account: ShopAccount): Promise<RevokeOutcome> {
    return {
      revoked: false,
      reason:
        'Lazada documents no API to revoke a seller authorisation; ocop-sync stops using the tokens, ' +
        'which lapse after refresh_expires_in.',
    };
  }
}
