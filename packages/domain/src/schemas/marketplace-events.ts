import { z } from 'zod';
import { identifier, isoDateTime, positiveQuantity, text, vnd } from './primitives.js';
import { channel } from './product.js';

/** Published by the marketplace-webhook function after a push's signature is verified. */
const orderFields = {
  channel,
  shopId: identifier,
  orderId: identifier,
};

export const orderLine = z.strictObject({
  sellerSku: identifier,
  externalItemId: identifier.optional(),
  quantity: positiveQuantity,
  unitPriceVnd: vnd.optional(),
});

export const marketplaceOrderPlaced = z.strictObject({
  ...orderFields,
  placedAt: isoDateTime,
  lines: z.array(orderLine).min(1, { error: 'must have at least one line' }).max(100),
});

export const marketplaceOrderCancelled = z.strictObject({
  ...orderFields,
  cancelledAt: isoDateTime,
  reason: text({ max: 500 }).optional(),
});

export const marketplaceItemBanned = z.strictObject({
  channel,
  shopId: identifier,
  externalItemId: identifier,
  sellerSku: identifier.optional(),
  reason: text({ max: 1000 }),
  bannedAt: isoDateTime,
});
