import { type AdapterOptions, sharedKit } from '../http/adapter-options.js';
import { PermanentError, StockLockedByCampaignError } from '../http/errors.js';
import type { HttpMethod } from '../http/http-client.js';
import { permanentError } from '../http/refusal-errors.js';
import type {
  ListingDraft,
  ListingLookup,
  ListingRef,
  MarketplaceAdapter,
  MarketplaceListing,
  MarketplaceOrder,
  ShopAccount,
  UpsertedListing,
} from '../types.js';
import { type ListingSteps, upsertListing } from '../upsert-listing.js';
import { PostmartApi, type PostmartCredentials } from './client.js';
import { noPostmartOrderRead } from './orders.js';
import * as payload from './payload.js';

export interface PostmartAdapterOptions extends AdapterOptions, PostmartCredentials {
  /** Warehouse or showroom code whose stock the listing sells. */
  locationCode?: string;
}

/** The proposal's bucket is 10 requests/s, burst 20, per app key and seller: stay just under it. */
const defaults = {
  rateLimits: { perApp: { ratePerSecond: 90, burst: 90 }, perShop: { ratePerSecond: 9.5, burst: 1 } },
  refreshAheadMs: 0,
  locationCode: 'default',
};

type Send = (
  method: HttpMethod,
  path: string,
  payload?: { query?: Record<string, string>; body?: unknown },
) => Promise<unknown>;

/**
 * Postmart through ocop-sync's proposed partner contract (research §3.2): a long-lived app key per
 * integrator, scoped to sellers who granted access, so there are no shop tokens to refresh.
 */
export class PostmartAdapter implements MarketplaceAdapter {
  readonly channel = 'postmart' as const;
  readonly #api: PostmartApi;
  readonly #scopes: ReturnType<typeof sharedKit>['scopes'];
  readonly #locationCode: string;

  constructor(options: PostmartAdapterOptions) {
    const kit = sharedKit('postmart', options.clientId, options, defaults);
    this.#api = new PostmartApi(options, kit.http, kit.baseUrl, kit.now);
    this.#scopes = kit.scopes;
    this.#locationCode = options.locationCode ?? defaults.locationCode;
  }

  upsertListing(account: ShopAccount, draft: ListingDraft, known?: ListingRef): Promise<UpsertedListing> {
    return upsertListing(this.#steps(account), draft, known);
  }

  /** `PUT /v1/stock` is absolute per (seller_sku, location) and may succeed partly: read `results`. */
  async setStock(account: ShopAccount, ref: ListingRef, quantity: number): Promise<void> {
    const items = [{ seller_sku: ref.sellerSku, location_code: this.#locationCode, quantity }];
    const answer = payload.stockAnswer.parse(await this.#send(account)('PUT', '/stock', { body: { items } }));
    const failed = answer.results.find((result) => !result.ok);
    if (failed !== undefined) {
      const code = failed.code ?? 'STOCK_REJECTED';
      const detail = failed.message ?? code;
      if (code === STOCK_LOCKED_BY_CAMPAIGN)
        throw new StockLockedByCampaignError({ ref, code, marketplaceMessage: detail });
      throw permanentError({ channel: 'postmart', code, detail, kind: 'field-rejected', field: 'stock' });
    }
  }

  async setPrice(account: ShopAccount, ref: ListingRef, priceVnd: number): Promise<void> {
    const path = `/products/${enc(ref.externalItemId)}/skus/${enc(ref.sellerSku)}/price`;
    await this.#send(account)('PUT', path, { body: { price_vnd: priceVnd } });
  }

  /** Deactivating an inactive product is a success in the contract, so this is idempotent. */
  async delist(account: ShopAccount, ref: ListingRef): Promise<void> {
    await this.#send(account)('POST', `/products/${enc(ref.externalItemId)}/deactivate`, { body: {} });
  }

  async remove(account: ShopAccount, ref: ListingRef): Promise<void> {
    await this.#send(account)('DELETE', `/products/${enc(ref.externalItemId)}`);
  }

  async getListing(account: ShopAccount, lookup: ListingLookup): Promise<MarketplaceListing | undefined> {
    const send = this.#send(account);
    try {
      if (lookup.externalItemId !== undefined) {
        const view = payload.productView.parse(await send('GET', `/products/${enc(lookup.externalItemId)}`));
        return payload.toListing(view, account.shopId, lookup.sellerSku);
      }
      const query = { seller_sku: lookup.sellerSku, page_size: '20' };
      const views = payload.productList.parse(await send('GET', '/products', { query }));
      const listings = views.map((view) => payload.toListing(view, account.shopId, lookup.sellerSku));
      return (
        listings.find((one) => one !== undefined && one.status !== 'deleted') ??
        listings.find((one) => one !== undefined)
      );
    } catch (error) {
      if (error instanceof PermanentError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  /**
   * The proposal has no batch read by id (§3.2 lists one product or one seller SKU per call), so each ref is one
   * `GET /v1/products/{id}`, a few at a time within the rate limiter; a deleted product still answers, with
   * status `deleted`, and a product that is gone answers 404.
   */
  async getListings(account: ShopAccount, refs: readonly ListingRef[]): Promise<MarketplaceListing[]> {
    const seen = new Set<string>();
    const unique = refs.filter((ref) => {
      const key = `${ref.externalItemId}\u0000${ref.sellerSku}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const found: (MarketplaceListing | undefined)[] = [];
    for (let start = 0; start < unique.length; start += READS_IN_FLIGHT) {
      const batch = unique.slice(start, start + READS_IN_FLIGHT);
      found.push(...(await Promise.all(batch.map((ref) => this.#readBack(account, ref)))));
    }
    return found.filter((listing) => listing !== undefined);
  }

  async #readBack(account: ShopAccount, ref: ListingRef): Promise<MarketplaceListing | undefined> {
    const listing = await this.getListing(account, ref);
    return listing === undefined ? undefined : { ...listing, ref };
  }

  /** Nothing to refresh: the seller's grant has no token; a revoked grant answers SELLER_NOT_AUTHORIZED. */
  async refreshToken(_account: ShopAccount): Promise<void> {}

  /** The proposed contract has no order read: the push carries the lines (see orders.ts). */
  async getOrder(_account: ShopAccount, orderId: string): Promise<MarketplaceOrder | undefined> {
    return noPostmartOrderRead(orderId);
  }

  #send(account: ShopAccount): Send {
    return (method, path, extra = {}) =>
      this.#api.call({
        method,
        path,
        ...extra,
        sellerId: account.shopId,
        scopes: this.#scopes(account.shopId),
      });
  }

  #steps(account: ShopAccount): ListingSteps {
    const send = this.#send(account);
    return {
      find: (lookup) => this.getListing(account, lookup),
      create: async (draft) => {
        const body = payload.createBody(draft, this.#locationCode);
        const answer = payload.createAnswer.parse(await send('POST', '/products', { body }));
        const ref: ListingRef = {
          channel: 'postmart',
          shopId: account.shopId,
          sellerSku: draft.sellerSku,
          externalItemId: answer.product_id,
        };
        return { ref, status: answer.status === 'pending_review' ? 'pending-review' : 'live' };
      },
      update: async (current, draft) => {
        await send('PATCH', `/products/${enc(current.ref.externalItemId)}`, {
          body: payload.productFields(draft),
        });
        if (current.priceVnd !== draft.priceVnd) await this.setPrice(account, current.ref, draft.priceVnd);
        if (current.stock !== draft.stock) await this.setStock(account, current.ref, draft.stock);
      },
      relist: async (ref) => {
        await send('POST', `/products/${enc(ref.externalItemId)}/activate`, { body: {} });
      },
    };
  }
}

const enc = encodeURIComponent;

/** Per-item stock result when a campaign holds the SKU's stock (our extension of proposal §3.2's codes). */
const STOCK_LOCKED_BY_CAMPAIGN = 'STOCK_LOCKED_BY_CAMPAIGN';

/** Concurrent one-by-one reads; the shared rate limiter still paces them to the seller's bucket. */
const READS_IN_FLIGHT = 4;
