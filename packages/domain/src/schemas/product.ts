import { z } from 'zod';
import { httpsUrl, identifier, isoDate, text, vnd } from './primitives.js';

/** The six OCOP product groups (Decision 148/QĐ-TTg). */
export const productGroups = [
  'food',
  'beverage',
  'herbal',
  'textile-garment',
  'souvenir-furniture-decoration',
  'community-tourism',
] as const;
export const productGroup = z.enum(productGroups, {
  error: `must be one of ${productGroups.join(', ')}`,
});
export type ProductGroup = z.infer<typeof productGroup>;

/** Groups whose products are services or places, not parcels: never listed on a goods marketplace. */
export const unshippableGroups: ReadonlySet<ProductGroup> = new Set(['community-tourism']);

export const starRating = z.union([z.literal(3), z.literal(4), z.literal(5)], { error: 'must be 3, 4 or 5' });
export type StarRating = z.infer<typeof starRating>;

export const producerTypes = ['cooperative', 'enterprise', 'cooperative-group', 'household'] as const;
export const producerType = z.enum(producerTypes, { error: `must be one of ${producerTypes.join(', ')}` });
export type ProducerType = z.infer<typeof producerType>;

export const channels = ['postmart', 'shopee', 'lazada'] as const;
export const channel = z.enum(channels, { error: `must be one of ${channels.join(', ')}` });
export type Channel = z.infer<typeof channel>;

/** A certificate is valid for 36 months from its issue date unless the decision says otherwise. */
export const CERTIFICATE_VALIDITY_MONTHS = 36;

export const certificate = z
  .strictObject({
    decisionNumber: text({ max: 60 }),
    issuedOn: isoDate,
    /** Defaults to 36 months after issue. */
    expiresOn: isoDate.optional(),
    stars: starRating,
    /** "tiềm năng 5 sao": a 4-star product proposed for national 5-star evaluation. */
    fiveStarCandidate: z.boolean().optional(),
    issuer: text({ max: 200 }).optional(),
  })
  .transform((value) => ({
    ...value,
    expiresOn: value.expiresOn ?? addMonths(value.issuedOn, CERTIFICATE_VALIDITY_MONTHS),
  }))
  .refine((value) => value.expiresOn > value.issuedOn, {
    error: 'expiresOn must be after issuedOn',
    path: ['expiresOn'],
  });
export type Certificate = z.output<typeof certificate>;

export const area = z.strictObject({
  province: text({ max: 100 }),
  district: text({ max: 100 }),
});
export type Area = z.infer<typeof area>;

export const producerRef = z.strictObject({
  producerId: identifier,
  name: text({ max: 200 }),
  type: producerType,
});
export type ProducerRef = z.infer<typeof producerRef>;

export const packageSize = z.strictObject({
  lengthCm: z
    .number()
    .positive({ error: 'must be more than 0 cm' })
    .max(300, { error: 'must be at most 300 cm' }),
  widthCm: z
    .number()
    .positive({ error: 'must be more than 0 cm' })
    .max(300, { error: 'must be at most 300 cm' }),
  heightCm: z
    .number()
    .positive({ error: 'must be more than 0 cm' })
    .max(300, { error: 'must be at most 300 cm' }),
});

const month = z
  .number()
  .int()
  .min(1, { error: 'must be a month from 1 to 12' })
  .max(12, { error: 'must be a month from 1 to 12' });

/** Months (1-12, Asia/Ho_Chi_Minh) when a seasonal product is on sale; a window may wrap the new year (11 to 2). */
export const seasonWindow = z.strictObject({ fromMonth: month, toMonth: month });
export type SeasonWindow = z.infer<typeof seasonWindow>;

/** What a marketplace listing needs, plus what the programme adds (stars, certificate, traceability). */
export const productDetails = z.strictObject({
  productId: identifier,
  name: text({ max: 300 }),
  description: text({ max: 5000 }),
  group: productGroup,
  producer: producerRef,
  area,
  priceVnd: vnd.refine((value) => value >= 1000, { error: 'must be at least 1,000 VND' }),
  /** Shipping weight in grams; marketplaces' logistics need it for parcels. */
  weightGrams: z
    .number()
    .int({ error: 'must be a whole number of grams' })
    .positive({ error: 'must be more than 0' })
    .max(50_000, { error: 'must be at most 50,000 g' })
    .optional(),
  packageSize: packageSize.optional(),
  images: z.array(httpsUrl).max(9, { error: 'must have at most 9 images' }).default([]),
  /** Seller SKU used on every channel; the product id when absent. */
  sku: identifier.optional(),
  /** The programme's QR/traceability page. */
  traceabilityUrl: httpsUrl.optional(),
  seasonWindows: z.array(seasonWindow).max(4).optional(),
});
export type ProductDetails = z.output<typeof productDetails>;

function addMonths(isoDay: string, months: number): string {
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}
