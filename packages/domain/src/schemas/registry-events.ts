import { z } from 'zod';
import { identifier, isoDate, isoDateTime, text, version } from './primitives.js';
import { area, certificate, channel, producerRef, productDetails, starRating } from './product.js';

/**
 * Every registry event carries the registry's own event id (duplicates are recognised by it), the time
 * the decision happened, and the product's version in the registry (older versions never overwrite newer).
 */
const registryFields = {
  eventId: identifier,
  occurredAt: isoDateTime,
  version,
};

export const productCertified = z.strictObject({
  ...registryFields,
  product: productDetails,
  certificate,
});

/** Re-certification ("tái công nhận"): a new decision extends the certificate; listings stay. */
export const certificationRenewed = z.strictObject({
  ...registryFields,
  productId: identifier,
  certificate,
});

export const starRatingChanged = z.strictObject({
  ...registryFields,
  productId: identifier,
  stars: starRating,
  decisionNumber: text({ max: 60 }),
  decidedOn: isoDate,
});

export const certificationRevoked = z.strictObject({
  ...registryFields,
  productId: identifier,
  decisionNumber: text({ max: 60 }),
  revokedOn: isoDate,
  reason: text({ max: 1000 }),
});

/** Full replacement of the product's details (not a patch), so applying by version is order-independent. */
export const productDetailsUpdated = z.strictObject({
  ...registryFields,
  product: productDetails,
});

export const channelAccount = z.strictObject({
  channel,
  status: z.enum(['linked', 'unlinked'], { error: 'must be linked or unlinked' }),
  shopId: identifier,
  /** Name of the Secrets Manager secret holding the shop's tokens; never the tokens themselves. */
  credentialsSecretName: z
    .string()
    .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, { error: 'must be a Secrets Manager secret name' }),
});

export const producerSettings = z.strictObject({
  /** Notify `stock.low` when available stock falls below this. */
  stockLowThreshold: z.number().int().min(0).max(10_000).default(3),
  /** Units held back from marketplaces: small, seasonal stocks make overselling the real risk. */
  safetyBuffer: z.number().int().min(0).max(10_000).default(0),
});

/** A producer links or unlinks marketplace shops (the shop-connection flow or an operator publishes it). */
export const producerChannelsLinked = z.strictObject({
  ...registryFields,
  producer: producerRef.extend({ area }),
  channels: z.array(channelAccount).min(1, { error: 'must list at least one channel' }).max(3),
  settings: producerSettings.optional(),
});
