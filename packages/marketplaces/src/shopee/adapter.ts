import { type AdapterOptions, sharedKit } from '../http/adapter-options.js';
import { StockLockedByCampaignError } from '../http/errors.js';
import type { HttpMethod } from '../http/http-client.js';
import { permanentError } from '../http/refusal-errors.js';
import { TokenKeeper } from '../http/token-keeper.js';
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
import { ShopeeApi, type ShopeeCredentials } from './client.js';
import { promotionHoldsStock } from './errors.js';
import { type ImageDownloader, type ImageResolver, mediaSpaceUploader } from './images.js';
import { readShopeeOrder } from './orders.js';
import { itemFields, type ShopeeListingSettings, toListing } from './payload.js';
import { BASE_INFO_MAX_IDS, readShopeeListings } from './read-back.js';
import { addItemAnswer, baseInfoAnswer, batchAnswer, itemListAnswer } from './schemas.js';
import { refreshShopeeTokens } from './tokens.js';

export interface ShopeeAdapterOptions
  extends AdapterOptions,
    ShopeeCredentials,
    Partial<ShopeeListingSettings> {
  /** Turns image URLs into media-space image ids; defaults to downloading and uploading each one. */
  resolveImages?: ImageResolver;
  /** Fetches the product images to upload; defaults to `fetch` (the local stack maps them to its image host). */
  downloadImage?: ImageDownloader;
}

/** Shopee publishes no rate limit (research §1.4): conservative defaults, tuned per deployment. */
const defaults = {
  rateLimits: { perApp: { ratePerSecond: 50, burst: 50 }, perShop: { ratePerSecond: 10, burst: 10 } },
  refreshAheadMs: 10 * 60_000,
  listing: { logisticIds: [50011], originAttributeId: 100037 },
};

interface Payload {
  query?: Record<string, string | readonly string[]>;
  body?: unknown;
}
type ShopCall = (
  method: HttpMethod,
  path: string,
  payload?: Payload,
  retryAmbiguous?: boolean,
) => Promise<unknown>;

/** Shopee Open Platform v2 behind the shared adapter interface. */
export class ShopeeAdapter implements MarketplaceAdapter {
  readonly channel = 'shopee' as const;
  readonly #api: ShopeeApi;
  readonly #keeper: TokenKeeper;
  readonly #scopes: ReturnType<typeof sharedKit>['scopes'];
  readonly #settings: ShopeeListingSettings;
  readonly #resolveImages: ImageResolver;

  constructor(options: ShopeeAdapterOptions) {
    const kit = sharedKit('shopee', String(options.partnerId), options, defaults);
    this.#api = new ShopeeApi(options, kit.http, kit.baseUrl, kit.now);
    this.#scopes = kit.scopes;
    this.#settings = {
      logisticIds: options.logisticIds ?? defaults.listing.logisticIds,
      originAttributeId: options.originAttributeId ?? defaults.listing.originAttributeId,
    };
    const download = options.downloadImage ?? options.fetch ?? globalThis.fetch;
    this.#resolveImages = options.resolveImages ?? mediaSpaceUploader(this.#api, download, kit.scopes());
    const refresh = refreshShopeeTokens(this.#api, options.partnerId, kit.scopes, kit.now);
    const { refreshAheadMs, tokenCacheMs, now } = kit;
    this.#keeper = new TokenKeeper({ refresh, refreshAheadMs, tokenCacheMs, now });
  }

  upsertListing(account: ShopAccount, draft: ListingDraft, known?: ListingRef): Promise<UpsertedListing> {
    return upsertListing(this.#steps(account), draft, known);
  }

  async setStock(account: ShopAccount, ref: ListingRef, quantity: number): Promise<void> {
    const stock_list = [{ model_id: 0, seller_stock: [{ stock: quantity }] }];
    const body = { item_id: itemId(ref), stock_list };
    await this.#batch(account, '/api/v2/product/update_stock', body, 'stock', (reason) =>
      promotionHoldsStock(reason)
        ? new StockLockedByCampaignError({ ref, code: 'failure_list', marketplaceMessage: reason })
        : undefined,
    );
  }

  async setPrice(account: ShopAccount, ref: ListingRef, priceVnd: number): Promise<void> {
    const price_list = [{ model_id: 0, original_price: priceVnd }];
    await this.#batch(
      account,
      '/api/v2/product/update_price',
      { item_id: itemId(ref), price_list },
      'priceVnd',
    );
  }

  async delist(account: ShopAccount, ref: ListingRef): Promise<void> {
    const item_list = [{ item_id: itemId(ref), unlist: true }];
    await this.#batch(account, '/api/v2/product/unlist_item', { item_list });
  }

  async remove(account: ShopAccount, ref: ListingRef): Promise<void> {
    await this.#withShop(account, (call) =>
      call('POST', '/api/v2/product/delete_item', { body: { item_id: itemId(ref) } }),
    );
  }

  getListing(account: ShopAccount, lookup: ListingLookup): Promise<MarketplaceListing | undefined> {
    return this.#withShop(account, (call) => this.#find(account, call, lookup));
  }

  /** get_item_base_info takes up to 50 item ids (SHP-DOC v2.product.get_item_base_info): one call per 50 refs. */
  getListings(account: ShopAccount, refs: readonly ListingRef[]): Promise<MarketplaceListing[]> {
    const read = (ids: readonly string[]) =>
      this.#withShop(account, (call) =>
        call('GET', '/api/v2/product/get_item_base_info', { query: { item_id_list: ids.join(',') } }),
      );
    return readShopeeListings(read, account.shopId, refs);
  }

  async refreshToken(account: ShopAccount): Promise<void> {
    await this.#keeper.refresh(account);
  }

  getOrder(account: ShopAccount, orderId: string): Promise<MarketplaceOrder | undefined> {
    return this.#withShop(account, (call) => readShopeeOrder(call, orderId));
  }

  #withShop<T>(account: ShopAccount, work: (call: ShopCall) => Promise<T>): Promise<T> {
    return this.#keeper.withToken(account, (accessToken) =>
      work((method, path, payload = {}, retryAmbiguous = true) =>
        this.#api.call({
          method,
          path,
          ...payload,
          shop: { shopId: account.shopId, accessToken },
          scopes: this.#scopes(account.shopId),
          retryAmbiguous,
        }),
      ),
    );
  }

  async #find(
    account: ShopAccount,
    call: ShopCall,
    lookup: ListingLookup,
  ): Promise<MarketplaceListing | undefined> {
    const byId = lookup.externalItemId;
    const ids = byId !== undefined ? [byId] : await this.#allItemIds(call);
    for (let start = 0; start < ids.length; start += BASE_INFO_MAX_IDS) {
      const query = { item_id_list: ids.slice(start, start + BASE_INFO_MAX_IDS).join(',') };
      const answer = baseInfoAnswer.parse(await call('GET', '/api/v2/product/get_item_base_info', { query }));
      const match = answer.item_list.find((item) =>
        byId === undefined ? item.item_sku === lookup.sellerSku : true,
      );
      if (match !== undefined) return toListing(match, account.shopId);
    }
    return undefined;
  }

  /** The documented API has no search by seller SKU: page through the shop's items (≤ 100 a page). */
  async #allItemIds(call: ShopCall): Promise<string[]> {
    const ids: string[] = [];
    const item_status = ['NORMAL', 'UNLIST', 'REVIEWING', 'BANNED'];
    for (let offset = 0, more = true; more; ) {
      const query = { offset: String(offset), page_size: '100', item_status };
      const page = itemListAnswer.parse(await call('GET', '/api/v2/product/get_item_list', { query }));
      ids.push(...page.item.map((item) => item.item_id));
      more = page.has_next_page && page.next_offset > offset;
      offset = page.next_offset;
    }
    return ids;
  }

  /**
   * update_price / update_stock / unlist_item may succeed partly: a `failure_list` entry is a refusal
   * (`special` turns a reason the caller knows into its own error).
   */
  async #batch(
    account: ShopAccount,
    path: string,
    body: unknown,
    field?: string,
    special?: (reason: string) => Error | undefined,
  ): Promise<void> {
    const answer = batchAnswer.parse(await this.#withShop(account, (call) => call('POST', path, { body })));
    const failure = answer.failure_list[0];
    if (failure === undefined) return;
    const detail = failure.failed_reason;
    const known = special?.(detail);
    if (known !== undefined) throw known;
    const kind = field === undefined ? ('request-rejected' as const) : ('field-rejected' as const);
    throw permanentError({
      channel: 'shopee',
      code: 'failure_list',
      kind,
      detail,
      ...(field ? { field } : {}),
    });
  }

  #steps(account: ShopAccount): ListingSteps {
    return {
      find: (lookup) => this.getListing(account, lookup),
      create: (draft) => this.#create(account, draft),
      update: (current, draft) => this.#update(account, current, draft),
      relist: (ref) =>
        this.#batch(account, '/api/v2/product/unlist_item', {
          item_list: [{ item_id: itemId(ref), unlist: false }],
        }),
    };
  }

  async #create(account: ShopAccount, draft: ListingDraft) {
    const fields = itemFields(draft, await this.#resolveImages(draft.images), this.#settings);
    const body = {
      ...fields,
      original_price: draft.priceVnd,
      item_status: 'NORMAL',
      seller_stock: [{ stock: draft.stock }],
    };
    const answer = addItemAnswer.parse(
      await this.#withShop(account, (call) => call('POST', '/api/v2/product/add_item', { body }, false)),
    );
    const ref: ListingRef = {
      channel: 'shopee',
      shopId: account.shopId,
      sellerSku: draft.sellerSku,
      externalItemId: answer.item_id,
    };
    return {
      ref,
      status: answer.item_status === 'REVIEWING' ? ('pending-review' as const) : ('live' as const),
    };
  }

  /** update_item takes neither price nor stock (they have their own calls) nor status (relist does). */
  async #update(account: ShopAccount, current: MarketplaceListing, draft: ListingDraft): Promise<void> {
    const fields = itemFields(draft, await this.#resolveImages(draft.images), this.#settings);
    const body = { item_id: itemId(current.ref), ...fields };
    await this.#withShop(account, (call) => call('POST', '/api/v2/product/update_item', { body }));
    if (current.priceVnd !== draft.priceVnd) await this.setPrice(account, current.ref, draft.priceVnd);
    if (current.stock !== draft.stock) await this.setStock(account, current.ref, draft.stock);
  }
}

const itemId = (ref: Pick<ListingRef, 'externalItemId'>): number => Number(ref.externalItemId);
