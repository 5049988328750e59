import { type Channel, vietnamDate } from '@ocop-sync/domain';
import type { Ledger, Listing, Product } from '@ocop-sync/ledger';
import {
  type ListingDraft,
  type ListingRef,
  type ShopAccount,
  toListingDraft,
} from '@ocop-sync/marketplaces';
import type { ExpectedListing } from './reconciliation-classify.js';

/**
 * A stock push still in flight (stock-sync's queue) is not drift; one older than this was lost, and the
 * read-back compares the ledger's current number anyway so the lost push is made good.
 */
export const STOCK_PUSH_GRACE_MS = 15 * 60_000;

/** One live listing to check, with everything a check and its action need. */
export interface ListingUnderCheck {
  listing: Listing & { synced: NonNullable<Listing['synced']> };
  product: Product;
  account: ShopAccount;
  ref: ListingRef;
  expected: ExpectedListing;
  /** The draft the listing would be pushed with now (undefined when the mapping refuses the product). */
  draft: ListingDraft | undefined;
  available: { available: number; stockVersion: number };
}

type ExpectedDeps = {
  ledger: Pick<Ledger, 'getProduct' | 'availableToSell'>;
  accountFor(producerId: string, channel: Channel): Promise<ShopAccount | undefined>;
};

/**
 * The ledger's desired state for a live listing: available to sell on the channel (the stock-sync figure), and
 * the price and title the listing was synced with (the draft of the product version it was synced from).
 * Undefined when there is nothing to compare: no product, no stock item, or no linked shop.
 */
export async function expectedFor(
  deps: ExpectedDeps,
  listing: Listing,
  now: Date,
  stockPushGraceMs = STOCK_PUSH_GRACE_MS,
): Promise<ListingUnderCheck | undefined> {
  const synced = listing.synced;
  if (synced === undefined) return undefined;
  const [product, available, account] = await Promise.all([
    deps.ledger.getProduct(listing.productId),
    deps.ledger.availableToSell(listing.productId, listing.channel),
    deps.accountFor(listing.producerId, listing.channel),
  ]);
  if (product === undefined || available === undefined || account === undefined) return undefined;
  const mapped = toListingDraft(listing.channel, {
    product: product.details,
    certificate: product.certificate,
    stock: available.available,
    asOf: vietnamDate(now),
  });
  const draft = mapped.ok ? mapped.draft : undefined;
  const lastWriteAt = Date.parse(synced.syncedAt);
  const stockPushPending =
    (synced.stockVersion ?? -1) < available.stockVersion && now.getTime() - lastWriteAt < stockPushGraceMs;
  // Price and title only for the product version the listing was synced from: a newer one is listing-sync's.
  const sameVersion = draft !== undefined && product.version === synced.productVersion;
  const expected: ExpectedListing = {
    lastWriteAt,
    ...(stockPushPending ? {} : { stock: available.available }),
    ...(sameVersion ? { priceVnd: draft.priceVnd, title: draft.title } : {}),
  };
  const ref: ListingRef = {
    channel: listing.channel,
    shopId: account.shopId,
    sellerSku: product.details.sku ?? product.productId,
    externalItemId: synced.externalItemId,
  };
  return { listing: { ...listing, synced }, product, account, ref, expected, draft, available };
}
