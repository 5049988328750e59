import { z } from 'zod';
import type { ListingDraft, ListingRef, ListingStatus, MarketplaceListing } from '../types.js';

const stockEntry = z.object({ location_code: z.string().optional(), quantity: z.number() });

export const productView = z.looseObject({
  product_id: z.union([z.string(), z.number()]).transform(String),
  title: z.string().optional().default(''),
  status: z.string(),
  /** ISO 8601 time of the product's last change (proposal §3.2 `updated_at`). */
  updated_at: z.string().optional(),
  skus: z
    .array(
      z.looseObject({
        seller_sku: z.string(),
        price_vnd: z.number().optional(),
        stock: z.union([z.array(stockEntry), z.number()]).optional(),
      }),
    )
    .default([]),
});
export type PostmartProductView = z.infer<typeof productView>;

export const productList = z.union([
  z.object({ products: z.array(productView) }).transform((value) => value.products),
  z.object({ items: z.array(productView) }).transform((value) => value.items),
  z.array(productView),
]);

export const createAnswer = z.object({
  product_id: z.union([z.string(), z.number()]).transform(String),
  status: z.string().optional(),
});

export const stockAnswer = z.object({
  results: z
    .array(z.object({ ok: z.boolean(), code: z.string().optional(), message: z.string().optional() }))
    .default([]),
});

const statusOf: Record<string, ListingStatus> = {
  active: 'live',
  inactive: 'inactive',
  pending_review: 'pending-review',
  deleted: 'deleted',
  banned: 'banned',
};

export function toListing(
  view: PostmartProductView,
  sellerId: string,
  sellerSku?: string,
): MarketplaceListing | undefined {
  const sku = sellerSku === undefined ? view.skus[0] : view.skus.find((one) => one.seller_sku === sellerSku);
  if (sku === undefined) return undefined;
  const ref: ListingRef = {
    channel: 'postmart',
    shopId: sellerId,
    sellerSku: sku.seller_sku,
    externalItemId: view.product_id,
  };
  const stock =
    typeof sku.stock === 'number'
      ? sku.stock
      : (sku.stock ?? []).reduce((sum, entry) => sum + entry.quantity, 0);
  return {
    ref,
    title: view.title,
    priceVnd: sku.price_vnd ?? 0,
    stock,
    status: statusOf[view.status] ?? 'inactive',
    marketplaceStatus: view.status,
    ...updatedAtOf(view.updated_at),
  };
}

function updatedAtOf(raw: string | undefined): { updatedAt?: number } {
  const at = raw === undefined ? Number.NaN : Date.parse(raw);
  return Number.isFinite(at) ? { updatedAt: at } : {};
}

/** The `ocop` block (our addition to the contract) and the fields PATCH may change. */
export function productFields(draft: ListingDraft) {
  const { ocop } = draft;
  return {
    title: draft.title,
    description: draft.description,
    category_id: draft.categoryId,
    attributes: { origin_province: draft.province },
    images: [...draft.images],
    ocop: {
      certificate_no: ocop.decisionNumber,
      star_rating: ocop.stars,
      issued_at: ocop.issuedOn,
      expires_at: ocop.expiresOn,
      ...(ocop.issuer === undefined ? {} : { issuing_authority: ocop.issuer }),
      ...(ocop.traceabilityUrl === undefined ? {} : { traceability_url: ocop.traceabilityUrl }),
    },
  };
}

export function createBody(draft: ListingDraft, locationCode: string) {
  const size = draft.packageCm;
  const sku = {
    seller_sku: draft.sellerSku,
    price_vnd: draft.priceVnd,
    weight_g: draft.weightGrams,
    ...(size === undefined ? {} : { dimensions_cm: { l: size.length, w: size.width, h: size.height } }),
    stock: [{ location_code: locationCode, quantity: draft.stock }],
  };
  return { ...productFields(draft), skus: [sku], status: 'active' };
}
