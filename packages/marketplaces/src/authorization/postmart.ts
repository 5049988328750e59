import { sharedKit } from '../http/adapter-options.js';
import { MarketplaceError } from '../http/errors.js';
import type { PostmartAdapterOptions } from '../postmart/adapter.js';
import { PostmartApi } from '../postmart/client.js';
import type { ShopAccount } from '../types.js';
import { AuthorizationRejectedError } from './errors.js';
import type { AuthorizedShop, RevokeOutcome, ShopAuthorizer } from './types.js';

export interface PostmartAuthorizerOptions extends PostmartAdapterOptions {
  /** The back-office page where a seller grants the app; defaults to `/back-office/partner-apps/grant` on `baseUrl`'s host. */
  grantPageUrl?: string;
}

/** The grant has no token (proposal §3.2); the adapters hold Postmart shops with empty, unexpiring tokens. */
const NO_TOKENS = { accessToken: '', refreshToken: '', accessExpiresAt: Number.MAX_SAFE_INTEGER };

/** The proposal's bucket is 10 requests/s per app and seller; one read per connection. */
const defaults = {
  rateLimits: { perApp: { ratePerSecond: 90, burst: 90 }, perShop: { ratePerSecond: 9.5, burst: 1 } },
  refreshAheadMs: 0,
};

/**
 * Postmart per our proposal (research §3.2): no OAuth; a seller grants the integrator's app in the back
 * office. The grant page and its callback `redirect_uri?seller_id=…&state=…` are our addition to the
 * proposal (served by the sandbox); completion proves the grant with a signed read as that seller, which
 * the proposal answers `403 SELLER_NOT_AUTHORIZED` without a grant.
 */
export class PostmartShopAuthorizer implements ShopAuthorizer {
  readonly channel = 'postmart' as const;
  readonly #clientId: string;
  readonly #grantPage: string;
  readonly #api: PostmartApi;
  readonly #scopes: ReturnType<typeof sharedKit>['scopes'];

  constructor(options: PostmartAuthorizerOptions) {
    const kit = sharedKit('postmart', options.clientId, options, defaults);
    this.#api = new PostmartApi(options, kit.http, kit.baseUrl, kit.now);
    this.#scopes = kit.scopes;
    this.#clientId = options.clientId;
    this.#grantPage =
      options.grantPageUrl ?? new URL('/back-office/partner-apps/grant', kit.baseUrl).toString();
  }

  authorizationUrl(input: { state: string; redirectUrl: string; now?: number }): string {
    const url = new URL(this.#grantPage);
    url.searchParams.set('app_key', this.#clientId);
    url.searchParams.set('redirect_uri', input.redirectUrl);
    url.searchParams.set('state', input.state);
    return url.toString();
  }

  /** A callback anyone could forge carries only `seller_id`: the signed read is what proves the grant. */
  async completeAuthorization(input: {
    query: Readonly<Record<string, string>>;
    redirectUrl: string;
  }): Promise<AuthorizedShop> {
    const sellerId = input.query.seller_id;
    if (!sellerId)
      throw new AuthorizationRejectedError('postmart', 'callback-incomplete', 'seller_id missing');
    try {
      await this.#api.call({
        method: 'GET',
        path: '/products',
        query: { page_size: '1' },
        sellerId,
        scopes: this.#scopes(sellerId),
      });
    } catch (error) {
      if (error instanceof MarketplaceError && error.code === 'SELLER_NOT_AUTHORIZED') {
        throw new AuthorizationRejectedError('postmart', 'grant-missing', error.message, {
          code: error.code,
          cause: error,
        });
      }
      throw error;
    }
    return { shopId: sellerId, tokens: { ...NO_TOKENS } };
  }

  /** The proposal gives integrators no call to drop a grant: only the seller withdraws it, in the back office. */
  async revoke(_account: ShopAccount): Promise<RevokeOutcome> {
    return {
      revoked: false,
      reason:
        'The Postmart partner contract (proposal) has no API to drop a seller grant; the seller withdraws ' +
        'it in the back office.',
    };
  }
}
