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

/**
 * Why a listing differs from the ledger on a read-back, one closed list; each class has one action (see
 * `packages/workflows/src/reconciliation-policy.ts`):
 * - `not-applied`: we wrote, the marketplace acknowledged, the value is unchanged (its last-modified time is
 *   not after our write) → re-push, at most 3 times per episode with back-off across runs, then needs a human.
 * - `changed-by-hand`: the marketplace's last-modified time is after our last write (a seller-centre edit) →
 *   re-push the ledger's values (the ledger is the truth for stock; price and title are the registry's) and
 *   tell the producer once per episode.
 * - `price-mismatch`: the price differs and the marketplace gives no last-modified time, so the cause is
 *   unknown → re-push (bounded like `not-applied`) and tell the producer once, since it may be deliberate.
 * - `missing`: the marketplace no longer holds the item → list it again once, then needs a human.
 * - `banned`: the marketplace banned the item → the ledger adopts the ban (as MarketplaceItemBanned does) and
 *   the producer is told; never re-pushed.
 * - `campaign-locked`: the marketplace refused to lower stock during a promotion → recorded and told once,
 *   probed again only after a long back-off, never looped.
 */
export const driftClasses = [
  'not-applied',
  'changed-by-hand',
  'price-mismatch',
  'missing',
  'banned',
  'campaign-locked',
] as const;
export type DriftClass = (typeof driftClasses)[number];

export const driftFields = ['stock', 'price', 'title', 'status'] as const;
export const driftActions = ['re-pushed', 'relisted', 'ban-adopted', 'waiting', 'needs-human'] as const;

/** One field where the marketplace differs from the ledger (in the event and in the `listing.drift` webhook). */
export const driftDifference = z.strictObject({
  field: z.enum(driftFields),
  /** The ledger's value (stock, VND price, title, status). */
  expected: z.union([z.number(), text({ max: 300 })]),
  /** What the marketplace showed; absent when it no longer holds the item. */
  actual: z.union([z.number(), text({ max: 300 })]).optional(),
});

/** What reconciliation found on one listing and what it did; published once per drift episode and action. */
export const listingDriftDetected = z.strictObject({
  productId: identifier,
  producerId: identifier,
  channel,
  sellerSku: identifier,
  externalItemId: identifier.optional(),
  driftClass: z.enum(driftClasses),
  differences: z.array(driftDifference).max(4),
  action: z.enum(driftActions),
  /** Re-pushes made in this episode so far. */
  attempts: z.number().int().min(0),
  runId: identifier,
  detectedAt: isoDateTime,
});
