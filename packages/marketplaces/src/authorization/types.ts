import type { Channel } from '@ocop-sync/domain';
import type { ShopAccount, ShopTokens } from '../types.js';

/** A shop connection as the marketplace returns it once the seller has agreed. */
export interface AuthorizedShop {
  /** The marketplace's shop/seller id (Shopee shop_id, Lazada seller_id, Postmart seller id). */
  shopId: string;
  /** Postmart has no tokens (a grant per seller): empty strings and no expiry. */
  tokens: ShopTokens;
}

export interface RevokeOutcome {
  revoked: boolean;
  /** Why nothing was revoked, for the producer or operator. */
  reason?: string;
}

/**
 * One marketplace's documented authorisation flow: the page the producer is sent to, the exchange of the
 * callback's query for the shop's tokens, and the end of the grant where an API allows it.
 */
export interface ShopAuthorizer {
  readonly channel: Channel;
  /** The marketplace page the producer is sent to; `state` is echoed back (Shopee: put it in the redirect URL). */
  authorizationUrl(input: { state: string; redirectUrl: string; now?: number }): string;
  /** Exchanges the callback's query for the shop's id and tokens (Postmart: verifies the seller's grant). */
  completeAuthorization(input: {
    query: Readonly<Record<string, string>>;
    redirectUrl: string;
  }): Promise<AuthorizedShop>;
  /** Ends the grant where the marketplace has an API for it; otherwise resolves `{ revoked: false, reason }`. */
  revoke(account: ShopAccount): Promise<RevokeOutcome>;
}
