import type { BilingualText, Channel, StarRating } from '@ocop-sync/domain';

/** A shop's OAuth tokens; instants are epoch milliseconds. */
export interface ShopTokens {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  /** Unknown for marketplaces that do not say; then only the marketplace's refusal tells. */
  refreshExpiresAt?: number;
}

/** Which shop a token belongs to, and where its secret lives. */
export interface ShopKey {
  channel: Channel;
  /** The marketplace's shop/seller id (Shopee shop_id, Lazada seller id, Postmart seller id). */
  shopId: string;
  /** Secrets Manager secret that holds this shop's tokens (never the token itself). */
  tokenSecretName?: string;
}

/** Keeps each shop's tokens; injected so Lambdas use Secrets Manager and tests use memory. */
export interface TokenStore {
  get(shop: ShopKey): Promise<ShopTokens | undefined>;
  put(shop: ShopKey, tokens: ShopTokens): Promise<void>;
}

/** A producer's shop on one marketplace, with the store that holds its tokens. */
export interface ShopAccount extends ShopKey {
  tokens: TokenStore;
}

/** Where a listing lives on a marketplace. */
export interface ListingRef {
  channel: Channel;
  shopId: string;
  sellerSku: string;
  /** Shopee item_id, Lazada item_id, Postmart product_id. */
  externalItemId: string;
  /** Lazada SkuId; absent where the item id alone addresses the single SKU. */
  externalSkuId?: string;
}

/** What is needed to find a listing when no external id is known. */
export type ListingLookup = Pick<ListingRef, 'sellerSku'> &
  Partial<Pick<ListingRef, 'externalItemId' | 'externalSkuId'>>;

export const listingStatuses = ['live', 'pending-review', 'inactive', 'banned', 'deleted'] as const;
export type ListingStatus = (typeof listingStatuses)[number];

/** What the marketplace really holds. */
export interface MarketplaceListing {
  ref: ListingRef;
  title: string;
  priceVnd: number;
  stock: number;
  status: ListingStatus;
  /** The marketplace's own status word (`NORMAL`, `Pending QC`, `pending_review` …). */
  marketplaceStatus: string;
  /**
   * The marketplace's own last-modified time of the item (epoch ms), where its API returns one: a hand edit in
   * the seller centre moves it. Shopee gives whole seconds.
   */
  updatedAt?: number;
}

export interface OcopLabel {
  stars: StarRating;
  decisionNumber: string;
  issuedOn: string;
  expiresOn: string;
  issuer?: string;
  traceabilityUrl?: string;
}

/** A listing ready for one marketplace: every field already within that marketplace's documented limits. */
export interface ListingDraft {
  channel: Channel;
  sellerSku: string;
  title: string;
  description: string;
  priceVnd: number;
  stock: number;
  weightGrams: number;
  /** Absent only where the marketplace does not require it (Shopee). */
  packageCm?: { length: number; width: number; height: number };
  categoryId: string;
  images: readonly string[];
  ocop: OcopLabel;
  /** Province of origin, for marketplaces that show it. */
  province: string;
}

/** The result of mapping: a draft, or the field a marketplace would refuse and why. */
export type DraftResult =
  | { ok: true; draft: ListingDraft }
  | { ok: false; field: string; reason: BilingualText };

export type UpsertedListing = ListingRef & { status: 'live' | 'pending-review'; created: boolean };

/** One line of a marketplace order: the listing's seller SKU and how many units the buyer took. */
export interface MarketplaceOrderLine {
  sellerSku: string;
  quantity: number;
}

/** An order as the marketplace holds it: enough to reserve stock (lines with one seller SKU are summed). */
export interface MarketplaceOrder {
  orderId: string;
  /** The marketplace's own status word (`UNPAID`, `READY_TO_SHIP`, `pending` …). */
  marketplaceStatus: string;
  lines: MarketplaceOrderLine[];
}

/**
 * One marketplace, in the domain's words. Every method resolves, or throws a `RetryableError`,
 * `PermanentError` or `NeedsHumanError`.
 */
export interface MarketplaceAdapter {
  readonly channel: Channel;
  /** Creates or updates the listing; never creates a second item for the same seller SKU. */
  upsertListing(account: ShopAccount, draft: ListingDraft, known?: ListingRef): Promise<UpsertedListing>;
  setStock(account: ShopAccount, ref: ListingRef, quantity: number): Promise<void>;
  setPrice(account: ShopAccount, ref: ListingRef, priceVnd: number): Promise<void>;
  /** Unlists (reversible); a later upsert relists. */
  delist(account: ShopAccount, ref: ListingRef): Promise<void>;
  /** Deletes the item for good (a revoked certificate). */
  remove(account: ShopAccount, ref: ListingRef): Promise<void>;
  /** Undefined when the marketplace holds no such item. */
  getListing(account: ShopAccount, lookup: ListingLookup): Promise<MarketplaceListing | undefined>;
  /**
   * Batch read-back: one call per page where the marketplace reads several items at once. One listing per ref
   * the marketplace still holds (banned and deleted items included, with that status), each carrying the
   * caller's ref, in the refs' order (repeats once); a ref missing from the result is a listing the
   * marketplace no longer holds.
   *
   * @example
   * const held = await adapter.getListings(account, refs);
   * const missing = refs.filter((ref) => !held.some((listing) => listing.ref === ref));
   */
  getListings(account: ShopAccount, refs: readonly ListingRef[]): Promise<MarketplaceListing[]>;
  /** Refreshes the shop's access token now (the adapter also does this on its own before expiry). */
  refreshToken(account: ShopAccount): Promise<void>;
  /** The order's lines, read from the marketplace; undefined when the shop holds no such order. */
  getOrder(account: ShopAccount, orderId: string): Promise<MarketplaceOrder | undefined>;
}

/** Structured logger; Powertools' `Logger` fits. Nothing secret is ever passed to it. */
export interface Logger {
  debug(message: string, attributes?: Record<string, unknown>): void;
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}
