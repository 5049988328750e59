import { z } from 'zod';
import {
  identifier,
  isoDate,
  isoDateTime,
  positiveQuantity,
  quantity,
  text,
  version,
  vnd,
} from './primitives.js';
import { channel } from './product.js';
import { bilingualText, driftActions, driftClasses, driftDifference, failureKinds } from './sync-events.js';

/**
 * The outbound webhook catalogue: what a producer's endpoint receives, per Standard Webhooks
 * (`{ type, timestamp, data }`). Types are stable public names; a new meaning gets a new type, never a
 * changed shape. Every `data` carries `producerId` and `message`, a one-line bilingual summary a
 * producer can forward to a chat group as is.
 */
export const webhookEventTypes = [
  'listing.live',
  'listing.paused',
  'listing.delisted',
  'listing.failed',
  'listing.banned',
  'listing.drift',
  'stock.low',
  'order.received',
  'certificate.expiring',
  'certificate.expired',
  'endpoint.disabled',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

const common = {
  producerId: identifier,
  /** Shown to a person: Vietnamese first, English second. */
  message: bilingualText,
};

/** The product's display name when the ledger knows it (absent for a product not yet in the ledger). */
const productFields = {
  productId: identifier,
  productName: text({ max: 300 }).optional(),
};

const listingStateData = z.strictObject({
  ...common,
  ...productFields,
  channel,
  externalItemId: identifier,
  productVersion: version,
});

const listingFailedData = z.strictObject({
  ...common,
  ...productFields,
  channel,
  productVersion: version,
  failure: z.strictObject({
    kind: z.enum(failureKinds),
    code: text({ max: 100 }),
    field: text({ max: 200 }).optional(),
    /** Why the marketplace refused, and what to change. */
    reason: bilingualText,
  }),
});

const listingBannedData = z.strictObject({
  ...common,
  channel,
  shopId: identifier,
  externalItemId: identifier,
  sellerSku: identifier.optional(),
  /** The marketplace's own wording, untranslated. */
  marketplaceReason: text({ max: 1000 }),
});

/** A marketplace shows something else than the ledger (a hand edit, an ignored write, a campaign lock…). */
const listingDriftData = z.strictObject({
  ...common,
  ...productFields,
  channel,
  sellerSku: identifier,
  externalItemId: identifier.optional(),
  driftClass: z.enum(driftClasses),
  differences: z.array(driftDifference).max(4),
  action: z.enum(driftActions),
});

const stockLowData = z.strictObject({
  ...common,
  ...productFields,
  available: quantity,
  threshold: quantity,
});

const orderReceivedData = z.strictObject({
  ...common,
  channel,
  shopId: identifier,
  orderId: identifier,
  placedAt: isoDateTime,
  lines: z
    .array(
      z.strictObject({
        sellerSku: identifier,
        quantity: positiveQuantity,
        unitPriceVnd: vnd.optional(),
      }),
    )
    .min(1)
    .max(100),
  /** Sum of the lines when every line has a price. */
  totalVnd: z.number().int().min(0).optional(),
});

const certificateExpiringData = z.strictObject({
  ...common,
  ...productFields,
  decisionNumber: text({ max: 60 }),
  expiresOn: isoDate,
  noticeDays: z.union([z.literal(60), z.literal(30)]),
});

const certificateExpiredData = z.strictObject({
  ...common,
  ...productFields,
  decisionNumber: text({ max: 60 }),
  expiredOn: isoDate,
});

/** Sent to a producer's other endpoints when one of its endpoints is disabled after a run of failures. */
const endpointDisabledData = z.strictObject({
  ...common,
  endpointId: identifier,
  disabledAt: isoDateTime,
  failingSince: isoDateTime,
  consecutiveFailures: z.number().int().min(1),
});

const payload = <T extends WebhookEventType, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({ type: z.literal(type), timestamp: isoDateTime, data });

/** One schema per webhook type: the body a producer's endpoint receives. */
export const webhookPayloads = {
  'listing.live': payload('listing.live', listingStateData),
  'listing.paused': payload('listing.paused', listingStateData),
  'listing.delisted': payload('listing.delisted', listingStateData),
  'listing.failed': payload('listing.failed', listingFailedData),
  'listing.banned': payload('listing.banned', listingBannedData),
  'listing.drift': payload('listing.drift', listingDriftData),
  'stock.low': payload('stock.low', stockLowData),
  'order.received': payload('order.received', orderReceivedData),
  'certificate.expiring': payload('certificate.expiring', certificateExpiringData),
  'certificate.expired': payload('certificate.expired', certificateExpiredData),
  'endpoint.disabled': payload('endpoint.disabled', endpointDisabledData),
} as const satisfies Record<WebhookEventType, z.ZodType>;

/** Any webhook body, discriminated by `type`. */
export const webhookPayload = z.discriminatedUnion('type', [
  webhookPayloads['listing.live'],
  webhookPayloads['listing.paused'],
  webhookPayloads['listing.delisted'],
  webhookPayloads['listing.failed'],
  webhookPayloads['listing.banned'],
  webhookPayloads['listing.drift'],
  webhookPayloads['stock.low'],
  webhookPayloads['order.received'],
  webhookPayloads['certificate.expiring'],
  webhookPayloads['certificate.expired'],
  webhookPayloads['endpoint.disabled'],
]);
export type WebhookPayload = z.output<typeof webhookPayload>;
export type WebhookPayloadOf<T extends WebhookEventType> = z.output<(typeof webhookPayloads)[T]>;
