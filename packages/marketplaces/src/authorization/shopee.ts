import { sharedKit } from '../http/adapter-options.js';
import { MarketplaceError } from '../http/errors.js';
import type { ShopeeAdapterOptions } from '../shopee/adapter.js';
import { ShopeeApi } from '../shopee/client.js';
import { bareCode } from '../shopee/errors.js';
import { shopeeSign } from '../shopee/sign.js';
import { exchangeShopeeCode } from '../shopee/tokens.js';
import type { ShopAccount } from '../types.js';
import { AuthorizationRejectedError } from './errors.js';
import type { AuthorizedShop, RevokeOutcome, ShopAuthorizer } from './types.js';

const AUTH_PATH = '/api/v2/shop/auth_partner';
const CANCEL_PATH = '/api/v2/shop/cancel_auth_partner';
/** token/get refusals that mean "start again from a new link" (SHP-DOC v2.public.get_access_token). */
const codeRefusals = new Set(['invalid_code', 'invalid_shop_id']);

/** Only the token exchange is called: one call per connection, far under any limit. */
const defaults = {
  rateLimits: { perApp: { ratePerSecond: 50, burst: 50 }, perShop: { ratePerSecond: 10, burst: 10 } },
  refreshAheadMs: 0,
};

/**
 * Shopee shop authorisation (SHP-GUIDE 20): a signed `auth_partner` link valid 5 minutes; the seller logs
 * in and confirms; the browser returns to `redirect?code=…&shop_id=…`; the code (single-use, 10 minutes)
 * is exchanged at `/api/v2/auth/token/get`.
 */
export class ShopeeShopAuthorizer implements ShopAuthorizer {
  readonly channel = 'shopee' as const;
  readonly #options: ShopeeAdapterOptions;
  readonly #api: ShopeeApi;
  readonly #kit: ReturnType<typeof sharedKit>;

  constructor(options: ShopeeAdapterOptions) {
    this.#options = options;
    this.#kit = sharedKit('shopee', String(options.partnerId), options, defaults);
    this.#api = new ShopeeApi(options, this.#kit.http, this.#kit.baseUrl, this.#kit.now);
  }

  /** Shopee has no `state` parameter and sends the browser to `redirect` as given: `state` rides in its query. */
  authorizationUrl(input: { state: string; redirectUrl: string; now?: number }): string {
    const redirect = new URL(input.redirectUrl);
    redirect.searchParams.set('state', input.state);
    return this.#link(AUTH_PATH, redirect.toString(), input.now);
  }

  /** The page where the seller ends the authorisation (same parameters as the authorisation link). */
  cancelAuthorizationUrl(input: { redirectUrl: string; now?: number }): string {
    return this.#link(CANCEL_PATH, input.redirectUrl, input.now);
  }

  async completeAuthorization(input: {
    query: Readonly<Record<string, string>>;
    redirectUrl: string;
  }): Promise<AuthorizedShop> {
    const { code, shop_id: shopId, main_account_id: mainAccount } = input.query;
    if (mainAccount !== undefined && shopId === undefined) {
      // A main (merchant) account authorises merchants, not one shop: ocop-sync connects shops.
      throw new AuthorizationRejectedError('shopee', 'callback-incomplete', 'main-account authorisation');
    }
    if (!code || !shopId || !/^\d+$/.test(shopId)) {
      throw new AuthorizationRejectedError('shopee', 'callback-incomplete', 'code or shop_id missing');
    }
    try {
      const grant = { code, shopId };
      const scopes = this.#kit.scopes(shopId);
      const tokens = await exchangeShopeeCode(
        this.#api,
        this.#options.partnerId,
        grant,
        scopes,
        this.#kit.now,
      );
      return { shopId, tokens };
    } catch (error) {
      if (error instanceof MarketplaceError && codeRefusals.has(bareCode(error.code))) {
        throw new AuthorizationRejectedError('shopee', 'code-rejected', error.message, {
          code: error.code,
          cause: error,
        });
      }
      throw error;
    }
  }

  /** SHP-GUIDE 20 documents no partner-side API that ends a shop's authorisation, only the seller's page. */
  async revoke(_account: ShopAccount): Promise<RevokeOutcome> {
    return {
      revoked: false,
      reason:
        'Shopee has no API for a partner to end a shop authorisation; the seller cancels it on the ' +
        'cancel_auth_partner page (see cancelAuthorizationUrl), or it lapses after 365 days.',
    };
  }

  #link(path: string, redirect: string, now?: number): string {
    const { partnerId, partnerKey } = this.#options;
    const timestamp = Math.floor((now ?? this.#kit.now()) / 1000);
    const url = new URL(`${this.#kit.baseUrl}${path}`);
    url.searchParams.set('partner_id', String(partnerId));
    url.searchParams.set('timestamp', String(timestamp));
    url.searchParams.set('sign', shopeeSign(partnerKey, { partnerId, path, timestamp }));
    url.searchParams.set('redirect', redirect);
    return url.toString();
  }
}
