import { z } from 'zod';
import { identifier, isoDateTime, positiveQuantity, quantity, text, vnd } from './primitives.js';

export const locationTypes = ['showroom', 'warehouse'] as const;
/** Where stock physically is: an OCOP showroom or a producer's warehouse. */
export const location = z.strictObject({
  type: z.enum(locationTypes, { error: 'must be showroom or warehouse' }),
  locationId: identifier,
});
export type Location = z.infer<typeof location>;

/** Every movement carries its own id: applying it twice changes nothing the second time. */
const movementFields = {
  movementId: identifier,
  occurredAt: isoDateTime,
  productId: identifier,
};

export const stockReceived = z.strictObject({
  ...movementFields,
  location,
  quantity: positiveQuantity,
  note: text({ max: 500 }).optional(),
});

export const stockSold = z.strictObject({
  ...movementFields,
  location,
  quantity: positiveQuantity,
  unitPriceVnd: vnd.optional(),
  receiptNumber: text({ max: 60 }).optional(),
});

/** A stocktake: sets the level absolutely; the ledger records the difference as a movement. */
export const stockCounted = z.strictObject({
  ...movementFields,
  location,
  countedQuantity: quantity,
});

export const stockTransferred = z
  .strictObject({
    ...movementFields,
    from: location,
    to: location,
    quantity: positiveQuantity,
  })
  .refine((value) => value.from.type !== value.to.type || value.from.locationId !== value.to.locationId, {
    error: 'must differ from the origin',
    path: ['to'],
  });

/** A producer reports the stock in its own warehouse (absolute, like a count). */
export const warehouseStockSet = z.strictObject({
  ...movementFields,
  warehouseId: identifier,
  quantity,
});
