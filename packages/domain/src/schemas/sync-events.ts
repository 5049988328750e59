import { z } from 'zod';
import { identifier, isoDate, isoDateTime, quantity, text, version } from './primitives.js';
import { channel } from './product.js';
import { location } from './stock-events.js';

/** A text shown to a person, in Vietnamese and English. */
export const bilingualText = z.strictObject({ vi: text({ max: 2000 }), en: text({ max: 2000 }) });
export type BilingualText = z.infer<typeof bilingualText>;

export const listingActions = ['list', 'update', 'pause', 'delist'] as const;

const listingFields = {
  productId: identifier,
  producerId: identifier,
  channel,
  /** The ledger's product version this request or outcome corresponds to. */
  productVersion: version,
};

/** The certification function's channel plan, one per product × channel. */
export const listingRequested = z.strictObject({
  ...listingFields,
  requestId: identifier,
  action: z.enum(listingActions),
  reason: z.enum([
    'certified',
    'renewed',
    'details-changed',
    'stars-changed',
    'revoked',
    'expired',
    'out-of-season',
    'in-season',
    'channel-linked',
    'channel-unlinked',
    'banned',
  ]),
  requestedAt: isoDateTime,
});

export const listingSynced = z.strictObject({
  ...listingFields,
  externalItemId: identifier,
  status: z.enum(['live', 'paused', 'delisted']),
  syncedAt: isoDateTime,
});

export const failureKinds = ['permanent', 'needs-human', 'retries-exhausted'] as const;

export const listingFailed = z.strictObject({
  ...listingFields,
  failure: z.strictObject({
    kind: z.enum(failureKinds),
    code: text({ max: 100 }),
    field: text({ max: 200 }).optional(),
    message: bilingualText,
  }),
  failedAt: isoDateTime,
});

/** Emitted after each applied movement; `stockVersion` orders changes so a consumer never applies an older level. */
export const stockLevelChanged = z.strictObject({
  productId: identifier,
  producerId: identifier,
  movementId: identifier,
  stockVersion: version,
  location,
  quantityAtLocation: quantity,
  occurredAt: isoDateTime,
});

export const stockLow = z.strictObject({
  productId: identifier,
  producerId: identifier,
  movementId: identifier,
  available: quantity,
  threshold: quantity,
  occurredAt: isoDateTime,
});

/** A sale or reservation larger than the recorded stock: not applied, recorded, and announced. */
export const stockMovementRejected = z.strictObject({
  productId: identifier,
  producerId: identifier.optional(),
  movementId: identifier,
  reason: z.enum(['insufficient-stock', 'unknown-product', 'unknown-location']),
  requested: quantity,
  available: quantity,
  occurredAt: isoDateTime,
});

export const certificationExpiring = z.strictObject({
  productId: identifier,
  producerId: identifier,
  decisionNumber: text({ max: 60 }),
  expiresOn: isoDate,
  /** The notice threshold crossed: 60 or 30 days before expiry. */
  noticeDays: z.union([z.literal(60), z.literal(30)]),
});

export const certificationExpired = z.strictObject({
  productId: identifier,
  producerId: identifier,
  decisionNumber: text({ max: 60 }),
  expiredOn: isoDate,
});

export const producerNotified = z.strictObject({
  producerId: identifier,
  messageId: identifier,
  endpointId: identifier,
  type: text({ max: 60 }),
  outcome: z.enum(['delivered', 'failed', 'endpoint-disabled']),
  attempts: z.number().int().min(1),
  at: isoDateTime,
});
