import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Channel, EventDetail, Location } from '@ocop-sync/domain';
import type { z } from 'zod';
import type {
  ChannelAccountRecord,
  fulfilmentRule,
  ListingRecord,
  MovementRecord,
  movementApplied,
  movementRejected,
  ProducerRecord,
  ProductRecord,
  StockRecord,
} from './records.js';

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ConflictRetryInfo {
  operation: string;
  /** The attempt that just lost (1-based). */
  attempt: number;
  delayMs: number;
}

export interface LedgerOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Time source for `updatedAt`, `recordedAt` and marker TTLs; tests pin it. */
  clock?: () => Date;
  retry?: Partial<RetryOptions>;
  /** Called each time a conditional write loses to a concurrent writer and is retried. */
  onConflictRetry?: (info: ConflictRetryInfo) => void;
  lookupCacheTtlMs?: number;
  producerCacheTtlMs?: number;
}

/** Which locations' stock a channel may sell: producer warehouses and/or showrooms (all, or a named few). */
export type FulfilmentRule = z.output<typeof fulfilmentRule>;

export type Product = ProductRecord;
export type Producer = ProducerRecord;
export type ChannelAccount = ChannelAccountRecord;
export type Listing = ListingRecord;
export type StockMovement = MovementRecord;

export type ProductChangeResult =
  | { outcome: 'applied'; product: Product; previous?: Product }
  | { outcome: 'duplicate'; product?: Product }
  | { outcome: 'stale'; product: Product }
  | { outcome: 'rejected'; reason: 'unknown-product'; productId: string; retryable: true };

export type ProducerChangeResult =
  | { outcome: 'applied'; producer: Producer; channels: ChannelAccount[] }
  | { outcome: 'duplicate'; producer?: Producer }
  | { outcome: 'stale'; producer: Producer };

export type MovementApplied = z.output<typeof movementApplied>;
export type MovementRejected = z.output<typeof movementRejected>;
export type MovementResult =
  | MovementApplied
  | MovementRejected
  /** Seen before: `original` is what the first application returned, so a caller can re-publish its events. */
  | {
      outcome: 'duplicate';
      movementId: string;
      productId: string;
      original: MovementApplied | MovementRejected;
    };

/** The movement events the stock ledger applies, as a handler has them after parsing. */
export type MovementEvent =
  | { detailType: 'StockReceived'; detail: EventDetail<'StockReceived'> }
  | { detailType: 'StockSold'; detail: EventDetail<'StockSold'> }
  | { detailType: 'StockCounted'; detail: EventDetail<'StockCounted'> }
  | { detailType: 'StockTransferred'; detail: EventDetail<'StockTransferred'> }
  | { detailType: 'WarehouseStockSet'; detail: EventDetail<'WarehouseStockSet'> };

export interface OrderLineOutcome {
  sellerSku: string;
  productId?: string;
  requested: number;
  available: number;
}

export type OrderResult =
  | {
      outcome: 'applied';
      status: 'reserved' | 'released' | 'cancelled-before-placed';
      movements: MovementApplied[];
    }
  | { outcome: 'duplicate'; status: OrderStatus }
  | { outcome: 'stale'; status: OrderStatus }
  | {
      outcome: 'rejected';
      reason: 'insufficient-stock' | 'unknown-product' | 'unknown-shop';
      /** Unknown shop or SKU may be a lookup index catching up: nothing was recorded, redeliver. */
      retryable: boolean;
      lines: OrderLineOutcome[];
      movements: MovementRejected[];
    };
export type OrderStatus = 'reserved' | 'rejected' | 'released' | 'cancelled-before-placed';

export interface StockLevels {
  productId: string;
  producerId: string;
  stockVersion: number;
  reserved: number;
  levels: { location: Location; quantity: number }[];
}

export type ListingChangeResult =
  | { outcome: 'applied'; listing: Listing }
  | { outcome: 'duplicate'; listing: Listing }
  | { outcome: 'stale'; listing: Listing }
  | { outcome: 'rejected'; reason: 'unknown-product' | 'unknown-listing'; retryable: boolean };

/** A product as one channel sees it (`Ledger.getChannelState`); each part undefined when not in the ledger. */
export interface ChannelState {
  product: Product | undefined;
  listing: Listing | undefined;
  /** Available to sell on the channel, and the stock version it was computed at. */
  available: { available: number; stockVersion: number } | undefined;
}

/**
 * The listing as the caller read it in this invocation (`null`: read as absent). The ledger decides on it and
 * writes at its revision, saving a read; if it is no longer current the write's condition fails and the ledger
 * reads afresh and decides again. A change it does not call for is always decided on a fresh read.
 */
export interface ListingWriteOptions {
  basedOn?: Listing | null;
}

export interface DesiredListingInput {
  productId: string;
  producerId: string;
  channel: Channel;
  /** What should be listed, at which price, planned from this ledger product revision. */
  listing?: { state: 'listed' | 'paused' | 'delisted'; priceVnd: number; productVersion: number };
  /** How many units the channel should show, computed at this stock version. */
  stock?: { quantity: number; stockVersion: number };
}

export interface ExpiryNoticeInput {
  productId: string;
  expiresOn: string;
  noticeDays: 60 | 30;
}

export interface FulfilmentInput {
  producerId: string;
  default?: FulfilmentRule;
  channels?: Partial<Record<Channel, FulfilmentRule>>;
}

export type { StockRecord };
