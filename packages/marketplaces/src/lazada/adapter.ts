import { type AdapterOptions, sharedKit } from '../http/adapter-options.js';
import { InvalidAccessTokenError, PermanentError, StockLockedByCampaignError } from '../http/errors.js';
import type { HttpMethod } from '../http/http-client.js';
import { refusalDetail, shopDisconnected } from '../http/refusal-errors.js';
import { type RefreshTokens, TokenKeeper } from '../http/token-keeper.js';
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
import { LazadaApi, type LazadaCredentials } from './client.js';
import { CAMPAIGN_STOCK_LOCKED } from './errors.js';
import { lazadaImages } from './images.js';
import { readLazadaOrder } from './orders.js';
import * as payload from './payload.js';
import { readLazadaListings } from './read-back.js';

export interface LazadaAdapterOptions extends AdapterOptions, LazadaCredentials {
  /** Token APIs' host (`https://auth.lazada.com/rest`); defaults to `baseUrl`, as in the sandbox. */
  authBaseUrl?: string;
  /** "No Brand" brand id of the venture (GetBrandByPages); differs per country. */
  brandId?: string;
}

/** 50 inventory calls/s per seller is Lazada's published figure (inventory-management-api); we stay under it. */
const defaults = {
  rateLimits: { perApp: { ratePerSecond: 200, burst: 200 }, perShop: { ratePerSecond: 45, burst: 45 } },
  /** The guide recommends refreshing 30 minutes before expiry (seller-authorization-introduction). */
  refreshAheadMs: 30 * 60_000,
  brandId: '30768',
};

type SellerCall = (
  method: HttpMethod,
  path: string,
  params?: Record<string, string>,
  retryAmbiguous?: boolean,
) => Promise<unknown>;

/** Lazada Open Platform (Vietnam venture) behind the shared adapter interface. */
export class LazadaAdapter implements MarketplaceAdapter {
  readonly channel = 'lazada' as const;
  readonly #api: LazadaApi;
  readonly #keeper: TokenKeeper;
  readonly #scopes: ReturnType<typeof sharedKit>['scopes'];
  readonly #brandId: string;
  readonly #images: ReturnType<typeof lazadaImages>;

  constructor(options: LazadaAdapterOptions) {
    const kit = sharedKit('lazada', options.appKey, options, defaults);
    const auth = options.authBaseUrl?.replace(/\/+$/, '') ?? kit.baseUrl;
    this.#api = new LazadaApi(options, kit.http, { api: kit.baseUrl, auth }, kit.now);
    this.#scopes = kit.scopes;
    this.#brandId = options.brandId ?? defaults.brandId;
    this.#images = lazadaImages();
    this.#keeper = new TokenKeeper({
      refresh: this.#refresher(kit.now),
      refreshAheadMs: kit.refreshAheadMs,
      tokenCacheMs: kit.tokenCacheMs,
      now: kit.now,
    });
  }

  upsertListing(account: ShopAccount, draft: ListingDraft, known?: ListingRef): Promise<UpsertedListing> {
    return upsertListing(this.#steps(account), draft, known);
  }

  /** UpdateSellableQuantity: an absolute, idempotent set (research §2.5). */
  async setStock(account: ShopAccount, ref: ListingRef, quantity: number): Promise<void> {
    const body = payload.skuPayload(ref, { SellableQuantity: String(quantity) });
    try {
      await this.#seller(account, (call) =>
        call('POST', '/product/stock/sellable/update', { payload: body }),
      );
    } catch (error) {
      if (!(error instanceof PermanentError && error.code === CAMPAIGN_STOCK_LOCKED)) throw error;
      const marketplaceMessage = refusalDetail(error);
      throw new StockLockedByCampaignError({ ref, code: error.code, marketplaceMessage, cause: error });
    }
  }

  async setPrice(account: ShopAccount, ref: ListingRef, priceVnd: number): Promise<void> {
    const body = payload.skuPayload(ref, { Price: String(priceVnd) });
    await this.#seller(account, (call) => call('POST', '/product/price_quantity/update', { payload: body }));
  }

  /** DeactivateProduct; `E0004` ("Product Status not online") means it already is, which is what we want. */
  async delist(account: ShopAccount, ref: ListingRef): Promise<void> {
    const skus = ref.externalSkuId === undefined ? '' : `<Skus><SkuId>${ref.externalSkuId}</SkuId></Skus>`;
    const apiRequestBody = `<Request><Product><ItemId>${ref.externalItemId}</ItemId>${skus}</Product></Request>`;
    try {
      await this.#seller(account, (call) => call('POST', '/product/deactivate', { apiRequestBody }));
    } catch (error) {
      if (!(error instanceof PermanentError && error.code === 'E0004')) throw error;
    }
  }

  async remove(account: ShopAccount, ref: ListingRef): Promise<void> {
    const sku_id_list = JSON.stringify([`SkuId_${ref.externalItemId}_${ref.externalSkuId ?? ''}`]);
    await this.#seller(account, (call) => call('POST', '/product/remove', { sku_id_list }));
  }

  getListing(account: ShopAccount, lookup: ListingLookup): Promise<MarketplaceListing | undefined> {
    return this.#seller(account, (call) => this.#find(account, call, lookup));
  }

  /** GetProducts by seller SKU, 50 a call, then `filter=deleted` for what is still missing (see read-back.ts). */
  getListings(account: ShopAccount, refs: readonly ListingRef[]): Promise<MarketplaceListing[]> {
    const read = (query: Record<string, string>) =>
      this.#seller(account, (call) => call('GET', '/products/get', query));
    return readLazadaListings(read, account.shopId, refs);
  }

  async refreshToken(account: ShopAccount): Promise<void> {
    await this.#keeper.refresh(account);
  }

  getOrder(account: ShopAccount, orderId: string): Promise<MarketplaceOrder | undefined> {
    return this.#seller(account, (call) => readLazadaOrder(call, orderId));
  }

  #seller<T>(account: ShopAccount, work: (call: SellerCall) => Promise<T>): Promise<T> {
    return this.#keeper.withToken(account, (accessToken) =>
      work((method, path, params = {}, retryAmbiguous = true) =>
        this.#api.call({
          method,
          path,
          params,
          accessToken,
          scopes: this.#scopes(account.shopId),
          retryAmbiguous,
        }),
      ),
    );
  }

  async #find(
    account: ShopAccount,
    call: SellerCall,
    lookup: ListingLookup,
  ): Promise<MarketplaceListing | undefined> {
    try {
      if (lookup.externalItemId !== undefined) {
        const view = payload.productView.parse(
          await call('GET', '/product/item/get', { item_id: lookup.externalItemId }),
        );
        return payload.toListing(view, account.shopId, lookup.sellerSku);
      }
      const query = { filter: 'all', limit: '50', sku_seller_list: JSON.stringify([lookup.sellerSku]) };
      const { products } = payload.productsAnswer.parse(await call('GET', '/products/get', query));
      const views = products.map((view) => payload.toListing(view, account.shopId, lookup.sellerSku));
      return (
        views.find((view) => view !== undefined && view.status !== 'deleted') ??
        views.find((view) => view !== undefined)
      );
    } catch (error) {
      if (error instanceof PermanentError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  #steps(account: ShopAccount): ListingSteps {
    const migrate = (urls: readonly string[]) =>
      this.#seller(account, (call) =>
        this.#images(urls, (body) => call('POST', '/image/migrate', { payload: body })),
      );
    return {
      find: (lookup) => this.getListing(account, lookup),
      create: async (draft) => {
        const body = payload.createPayload(draft, await migrate(draft.images), this.#brandId);
        const answer = payload.createAnswer.parse(
          await this.#seller(account, (call) => call('POST', '/product/create', { payload: body }, false)),
        );
        const sku = answer.sku_list.find((one) => one.seller_sku === draft.sellerSku) ?? answer.sku_list[0];
        const ref: ListingRef = {
          channel: 'lazada',
          shopId: account.shopId,
          sellerSku: draft.sellerSku,
          externalItemId: answer.item_id,
          ...(sku === undefined ? {} : { externalSkuId: sku.sku_id }),
        };
        return { ref, status: /pending/i.test(answer.item_status ?? '') ? 'pending-review' : 'live' };
      },
      update: async (current, draft) => {
        const body = payload.updatePayload(current.ref, draft, await migrate(draft.images), this.#brandId);
        await this.#seller(account, (call) => call('POST', '/product/update', { payload: body }));
        if (current.priceVnd !== draft.priceVnd) await this.setPrice(account, current.ref, draft.priceVnd);
        if (current.stock !== draft.stock) await this.setStock(account, current.ref, draft.stock);
      },
      relist: async (ref) => {
        const Sku = [{ SkuId: ref.externalSkuId ?? '', Status: 'active' }];
        const body = JSON.stringify({ Request: { Product: { ItemId: ref.externalItemId, Skus: { Sku } } } });
        await this.#seller(account, (call) => call('POST', '/product/update', { payload: body }));
      },
    };
  }

  /** `/auth/token/refresh`: the access token's lifetime is reset, the refresh token's is not (research §2.2). */
  #refresher(now: () => number): RefreshTokens {
    return async (account, refresh_token) => {
      try {
        const answer = payload.tokenAnswer.parse(
          await this.#api.call({
            method: 'POST',
            path: '/auth/token/refresh',
            base: 'auth',
            params: { refresh_token },
            scopes: this.#scopes(account.shopId),
          }),
        );
        const at = now();
        return {
          accessToken: answer.access_token,
          refreshToken: answer.refresh_token,
          accessExpiresAt: at + answer.expires_in * 1000,
          ...(answer.refresh_expires_in === undefined
            ? {}
            : { refreshExpiresAt: at + answer.refresh_expires_in * 1000 }),
        };
      } catch (error) {
        if (error instanceof InvalidAccessTokenError)
          throw shopDisconnected('lazada', error.code, error.message);
        throw error;
      }
    };
  }
}
