import { z } from 'zod';
import { POSTMART_LIMITS as L } from './postmart-catalogue.js';

/** Shapes only; business rules with their own 422 codes live in postmart-validation.ts. */
const ocop = z.object({
  certificate_no: z.string().min(1),
  star_rating: z.union([z.literal(3), z.literal(4), z.literal(5)]),
  issued_at: z.iso.date().or(z.iso.datetime()),
  expires_at: z.iso.date().or(z.iso.datetime()),
  issuing_authority: z.string().min(1),
  traceability_url: z.url().optional(),
});

const stockEntry = z.object({
  location_code: z.string().min(1).max(50),
  quantity: z.number().int().min(0).max(L.quantityMax),
});

const sku = z.object({
  seller_sku: z.string().regex(/^[A-Za-z0-9._-]{1,50}$/),
  price_vnd: z.number(),
  weight_g: z.number().int().positive(),
  dimensions_cm: z
    .object({ l: z.number().positive(), w: z.number().positive(), h: z.number().positive() })
    .optional(),
  stock: z.array(stockEntry).default([]),
});
export type PostmartSkuInput = z.infer<typeof sku>;

const editable = {
  title: z.string(),
  description: z.string().max(L.descriptionMax),
  category_id: z.string().min(1),
  attributes: z.record(z.string(), z.union([z.string(), z.number()])),
  images: z.array(z.string()),
  ocop,
};

export const createProductSchema = z.object({
  ...editable,
  description: editable.description.default(''),
  attributes: editable.attributes.default({}),
  origin: z.object({ province_code: z.string().min(1) }).optional(),
  skus: z.array(sku).min(1).max(L.batchMax),
  status: z.enum(['active', 'inactive']).default('active'),
});
export type CreateProductBody = z.infer<typeof createProductSchema>;

export const patchProductSchema = z.object(editable).partial();
export type PatchProductBody = z.infer<typeof patchProductSchema>;

export const priceSchema = z.object({ price_vnd: z.number() });

export const stockSchema = z.object({
  items: z
    .array(
      z.object({
        seller_sku: z.string().min(1),
        location_code: z.string().min(1).max(50),
        quantity: z.number(),
        expected_version: z.number().int().optional(),
      }),
    )
    .min(1)
    .max(L.batchMax),
});

export const statusChangeSchema = z.object({ reason: z.string().optional() });
