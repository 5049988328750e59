import {
  channel,
  type DetailType,
  type EventDetail,
  identifier,
  isoDate,
  parseDetail,
  parseWith,
  text,
} from '@ocop-sync/domain';
import { z } from 'zod';
import { LedgerValidationError } from './errors.js';
import { desiredListing, desiredStock, fulfilmentRule, listingRecord } from './records.js';

/**
 * The ledger re-checks what it is given against the catalogue schema before any read or write: a
 * TypeScript type is no guarantee at runtime, and a half-applied bad movement is worse than a loud error.
 */
export function validDetail<T extends DetailType>(detailType: T, detail: unknown): EventDetail<T> {
  const parsed = parseDetail(detailType, detail);
  if (!parsed.ok) throw new LedgerValidationError(parsed.issues);
  return parsed.value;
}

export function validInput<S extends z.ZodType>(schema: S, input: unknown, prefix: string): z.output<S> {
  const parsed = parseWith(schema, input, prefix);
  if (!parsed.ok) throw new LedgerValidationError(parsed.issues);
  return parsed.value;
}

export const inputs = {
  id: identifier,
  channel,
  date: isoDate,
  area: z.strictObject({ province: text({ max: 100 }), district: text({ max: 100 }).optional() }),
  expiryNotice: z.strictObject({
    productId: identifier,
    expiresOn: isoDate,
    noticeDays: z.union([z.literal(60), z.literal(30)], { error: 'must be 60 or 30' }),
  }),
  fulfilment: z.strictObject({
    producerId: identifier,
    default: fulfilmentRule.optional(),
    channels: z.partialRecord(channel, fulfilmentRule).optional(),
  }),
  desiredListing: z
    .strictObject({
      productId: identifier,
      producerId: identifier,
      channel,
      listing: desiredListing.optional(),
      stock: desiredStock.optional(),
    })
    .refine((value) => value.listing !== undefined || value.stock !== undefined, {
      error: 'must give listing, stock or both',
      path: ['listing'],
    }),
  listingWrite: z.strictObject({ basedOn: listingRecord.nullable().optional() }),
  syncedOptions: z.strictObject({
    stockVersion: z.number().int().min(0).optional(),
    /** The number pushed to the channel at that stock version. */
    quantity: z.number().int().min(0).optional(),
    basedOn: listingRecord.nullable().optional(),
  }),
} as const;
