import type { Channel, EventDetail } from '@ocop-sync/domain';
import type { ReadBackResult } from './reconciliation.js';
import type { ReadBackState, ReconciliationReport } from './reconciliation-records.js';
import type {
  ChannelAccount,
  ChannelState,
  DesiredListingInput,
  ExpiryNoticeInput,
  FulfilmentInput,
  Listing,
  ListingChangeResult,
  ListingWriteOptions,
  MovementEvent,
  MovementResult,
  OrderResult,
  Producer,
  ProducerChangeResult,
  Product,
  ProductChangeResult,
  StockLevels,
  StockMovement,
} from './types.js';

/**
 * The product ledger in domain words. Every write takes the parsed catalogue detail (it is validated
 * again here, before any request) and returns a typed outcome: `applied`, `duplicate` (seen before,
 * nothing changed), `stale` (older than what is stored, nothing changed) or `rejected` with a reason.
 * Exceptions are for bad input (LedgerValidationError), exhausted conflicts (LedgerConflictError) and
 * outages (the SDK's own errors, re-thrown).
 */
export interface ProductLedger {
  /** ProductCertified: creates the product (and its stock item) or applies the newer facets. */
  recordCertification(detail: EventDetail<'ProductCertified'>): Promise<ProductChangeResult>;
  recordRenewal(detail: EventDetail<'CertificationRenewed'>): Promise<ProductChangeResult>;
  recordStarRating(detail: EventDetail<'StarRatingChanged'>): Promise<ProductChangeResult>;
  recordRevocation(detail: EventDetail<'CertificationRevoked'>): Promise<ProductChangeResult>;
  recordDetails(detail: EventDetail<'ProductDetailsUpdated'>): Promise<ProductChangeResult>;
  /** The sweep's 60/30-day notice: `duplicate` when already given for this certificate. */
  markExpiring(notice: ExpiryNoticeInput): Promise<ProductChangeResult>;
  /** CertificationExpired: `stale` when the certificate was renewed or revoked meanwhile. */
  markExpired(detail: EventDetail<'CertificationExpired'>): Promise<ProductChangeResult>;
  getProduct(productId: string): Promise<Product | undefined>;
  listByProducer(producerId: string): Promise<Product[]>;
  listByArea(area: { province: string; district?: string }): Promise<Product[]>;
  /** Active and expiring certificates that expire before `date` (YYYY-MM-DD, exclusive). */
  productsExpiringBefore(date: string): Promise<Product[]>;
}

export interface ProducerLedger {
  linkChannels(detail: EventDetail<'ProducerChannelsLinked'>): Promise<ProducerChangeResult>;
  setFulfilment(
    input: FulfilmentInput,
  ): Promise<
    { outcome: 'applied'; producer: Producer } | { outcome: 'rejected'; reason: 'unknown-producer' }
  >;
  getProducer(producerId: string): Promise<Producer | undefined>;
  /** The producer's account on every channel it ever linked (one request, however many orders it took). */
  listChannelAccounts(producerId: string): Promise<ChannelAccount[]>;
  /** The producer's account on one channel, linked or unlinked. */
  getChannelAccount(producerId: string, channel: Channel): Promise<ChannelAccount | undefined>;
}

export interface StockLedger {
  /** StockReceived, StockSold, StockCounted, StockTransferred or WarehouseStockSet, applied exactly once. */
  applyMovement(event: MovementEvent): Promise<MovementResult>;
  /** StockTransferred: leaves one location and arrives at the other in one transaction, or not at all. */
  transfer(detail: EventDetail<'StockTransferred'>): Promise<MovementResult>;
  /** MarketplaceOrderPlaced: reserves every line (by seller SKU) or none. */
  reserveOrder(detail: EventDetail<'MarketplaceOrderPlaced'>): Promise<OrderResult>;
  /** MarketplaceOrderCancelled: releases the order's reservations. */
  releaseOrder(detail: EventDetail<'MarketplaceOrderCancelled'>): Promise<OrderResult>;
  getStock(productId: string): Promise<StockLevels | undefined>;
  availableToSell(
    productId: string,
    channel: Channel,
  ): Promise<{ available: number; stockVersion: number } | undefined>;
  movementLog(productId: string): Promise<StockMovement[]>;
}

export interface ListingLedger {
  /**
   * The channel plan's desired state; each facet applies only if newer than the stored one. Pass the listing
   * just read as `basedOn` to save the ledger's own read (see `ListingWriteOptions`).
   */
  setDesiredListing(input: DesiredListingInput, options?: ListingWriteOptions): Promise<ListingChangeResult>;
  /** ListingSynced; pass the stock version the pushed quantity came from, if any, and `basedOn` as above. */
  recordListingSynced(
    detail: EventDetail<'ListingSynced'>,
    options?: { stockVersion?: number; quantity?: number } & ListingWriteOptions,
  ): Promise<ListingChangeResult>;
  recordListingFailed(
    detail: EventDetail<'ListingFailed'>,
    options?: ListingWriteOptions,
  ): Promise<ListingChangeResult>;
  recordListingBanned(detail: EventDetail<'MarketplaceItemBanned'>): Promise<ListingChangeResult>;
  getListing(productId: string, channel: Channel): Promise<Listing | undefined>;
  /**
   * The product, its listing on the channel and what the channel may sell, read in one request. Name the
   * product's producer (as the event carries it) to have its stock settings read in the same request when the
   * ledger has none cached.
   *
   * @example
   * const { product, listing, available } = await ledger.getChannelState('TH-2024-0001', 'shopee', 'HTX-BT-MATONG');
   */
  getChannelState(productId: string, channel: Channel, producerId?: string): Promise<ChannelState>;
  /** The product's listings and its producer's channel accounts (what the channel plan reads), in one request. */
  getPlanningState(
    productId: string,
    producerId: string,
  ): Promise<{ listings: Listing[]; accounts: ChannelAccount[] }>;
  listListings(productId: string): Promise<Listing[]>;
  listListingsByProducer(producerId: string): Promise<Listing[]>;
  /**
   * Takes the lease on creating the product's item on a channel (false: another worker holds it). Taking it
   * again as the same holder renews it.
   */
  takeCreationLease(input: {
    productId: string;
    channel: Channel;
    holder: string;
    leaseSeconds: number;
  }): Promise<boolean>;
  releaseCreationLease(input: { productId: string; channel: Channel; holder: string }): Promise<void>;
}

/** Channel reconciliation: which listings to read back, each check's outcome, and the runs' reports. */
export interface ReconciliationLedger {
  /** The next `limit` live listings of the channel: written since their last check first, then least recently checked. */
  listingsToCheck(channel: Channel, limit: number): Promise<Listing[]>;
  /** Records a check on the listing if it is still at `revision` (else `conflict`: another writer got there first). */
  recordReadBack(input: {
    productId: string;
    channel: Channel;
    revision: number;
    readBack: ReadBackState;
  }): Promise<ReadBackResult>;
  recordReconciliationReport(report: ReconciliationReport): Promise<void>;
  /** The last report per channel (channels never reconciled are absent). */
  latestReconciliationReports(): Promise<ReconciliationReport[]>;
}

export interface Ledger
  extends ProductLedger,
    ProducerLedger,
    StockLedger,
    ListingLedger,
    ReconciliationLedger {}
