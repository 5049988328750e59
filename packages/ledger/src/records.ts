import {
  area,
  certificate,
  channel,
  identifier,
  isoDate,
  isoDateTime,
  location,
  producerType,
  productDetails,
} from '@ocop-sync/domain';
import { z } from 'zod';
import { readBackState } from './reconciliation-records.js';

/**
 * Shapes of the items the ledger stores, as zod schemas: every item read back is parsed, so the rest of the
 * package works with typed values and a malformed item fails loudly (LedgerCorruptItemError).
 */
const count = z.number().int().min(0);
const revision = z.number().int().min(0);

export const certificateStatuses = ['active', 'expiring', 'expired', 'revoked'] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];

export const productRecord = z.object({
  productId: identifier,
  producerId: identifier,
  details: productDetails,
  detailsVersion: revision,
  certificate,
  certificateVersion: revision,
  status: z.enum(certificateStatuses),
  revocation: z.object({ decisionNumber: z.string(), revokedOn: isoDate, reason: z.string() }).optional(),
  /** Expiry notices (60, 30 days) already given for the current certificate. */
  expiryNotices: z.array(z.number().int()).default([]),
  /** The ledger's own revision: +1 on every applied change, whatever facet; listings refer to it. */
  version: z.number().int().min(1),
  updatedAt: isoDateTime,
});
export type ProductRecord = z.output<typeof productRecord>;

/** One item per product holds every location's level, so a movement's condition and a transfer touch one item. */
export const stockRecord = z.object({
  productId: identifier,
  producerId: identifier,
  sku: identifier,
  levels: z.record(z.string(), count),
  reserved: count,
  stockVersion: revision,
});
export type StockRecord = z.output<typeof stockRecord>;

export const fulfilmentRule = z.strictObject({
  warehouses: z.boolean(),
  showrooms: z.union([z.literal('all'), z.array(identifier).max(500)]),
});

export const producerRecord = z.object({
  producerId: identifier,
  name: z.string(),
  type: producerType,
  area,
  stockLowThreshold: count,
  safetyBuffer: count,
  fulfilment: z.object({
    default: fulfilmentRule,
    channels: z.partialRecord(channel, fulfilmentRule).default({}),
  }),
  /** The registry's version of the producer (ProducerChannelsLinked); older events are stale. */
  version: revision,
  /** Optimistic-concurrency revision of this item (operator settings change it too). */
  revision: z.number().int().min(1),
  updatedAt: isoDateTime,
});
export type ProducerRecord = z.output<typeof producerRecord>;

export const channelAccountRecord = z.object({
  producerId: identifier,
  channel,
  shopId: identifier,
  status: z.enum(['linked', 'unlinked']),
  credentialsSecretName: z.string(),
  version: revision,
});
export type ChannelAccountRecord = z.output<typeof channelAccountRecord>;

export const movementKinds = [
  'received',
  'sold',
  'counted',
  'transferred',
  'warehouse-set',
  'reserved',
  'released',
] as const;
export type MovementKind = (typeof movementKinds)[number];

export const levelChange = z.object({ location, delta: z.number().int(), quantityAtLocation: count });

export const movementApplied = z.object({
  outcome: z.literal('applied'),
  movementId: identifier,
  productId: identifier,
  producerId: identifier,
  kind: z.enum(movementKinds),
  occurredAt: isoDateTime,
  /** Increases on every applied movement of the product; StockLevelChanged carries it. */
  stockVersion: z.number().int().min(1),
  changes: z.array(levelChange),
  reserved: count,
  /** Available to sell under the producer's default fulfilment rule, after the movement. */
  available: count,
  lowStockThreshold: count,
  /** True only for the movement that takes `available` from at or above the threshold to below it. */
  crossedLowThreshold: z.boolean(),
});

export const rejectionReasons = ['insufficient-stock', 'unknown-product', 'unknown-location'] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

export const movementRejected = z.object({
  outcome: z.literal('rejected'),
  movementId: identifier,
  productId: identifier,
  producerId: identifier.optional(),
  kind: z.enum(movementKinds),
  occurredAt: isoDateTime,
  reason: z.enum(rejectionReasons),
  requested: count,
  available: count,
  /** True when the same movement can succeed later (the product is not in the ledger yet): nothing was recorded. */
  retryable: z.boolean(),
});

export const movementRecord = z.object({
  movementId: identifier,
  productId: identifier,
  kind: z.enum(movementKinds),
  recordedAt: isoDateTime,
  result: z.discriminatedUnion('outcome', [movementApplied, movementRejected]),
});
export type MovementRecord = z.output<typeof movementRecord>;

export const orderStatuses = ['reserved', 'rejected', 'released', 'cancelled-before-placed'] as const;
export const orderRecord = z.object({
  producerId: identifier,
  channel,
  shopId: identifier,
  orderId: identifier,
  status: z.enum(orderStatuses),
  lines: z.array(z.object({ productId: identifier, quantity: count, movementId: identifier })),
  updatedAt: isoDateTime,
});
export type OrderRecord = z.output<typeof orderRecord>;

export const listingStatuses = ['pending', 'live', 'paused', 'failed', 'delisted', 'banned'] as const;
export type ListingStatus = (typeof listingStatuses)[number];
export const desiredStates = ['listed', 'paused', 'delisted'] as const;

export const desiredListing = z.strictObject({
  state: z.enum(desiredStates),
  priceVnd: count,
  /** The ledger product revision this desired state was planned from. */
  productVersion: z.number().int().min(1),
});
export const desiredStock = z.strictObject({
  quantity: count,
  stockVersion: revision,
});

export const listingRecord = z.object({
  productId: identifier,
  producerId: identifier,
  channel,
  desired: desiredListing.optional(),
  desiredStock: desiredStock.optional(),
  synced: z
    .object({
      externalItemId: identifier,
      status: z.enum(['live', 'paused', 'delisted']),
      productVersion: z.number().int().min(1),
      stockVersion: revision.optional(),
      /** The number the last stock push told the channel (absent: unknown, e.g. after a listing sync). */
      quantity: count.optional(),
      syncedAt: isoDateTime,
    })
    .optional(),
  failure: z
    .object({
      kind: z.enum(['permanent', 'needs-human', 'retries-exhausted']),
      code: z.string(),
      field: z.string().optional(),
      message: z.object({ vi: z.string(), en: z.string() }),
      productVersion: z.number().int().min(1),
      failedAt: isoDateTime,
    })
    .optional(),
  ban: z.object({ externalItemId: identifier, reason: z.string(), bannedAt: isoDateTime }).optional(),
  /** What the last reconciliation read-back found (reconciliation-records.ts). */
  readBack: readBackState.optional(),
  status: z.enum(listingStatuses),
  /** Optimistic-concurrency revision of this listing item. */
  revision: z.number().int().min(1),
});
export type ListingRecord = z.output<typeof listingRecord>;
