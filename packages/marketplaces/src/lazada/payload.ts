import { z } from 'zod';
import type { ListingDraft, ListingRef, ListingStatus, MarketplaceListing } from '../types.js';

const id = z.union([z.number(), z.string()]).transform(String);
const num = z.union([z.number(), z.string()]).transform(Number);

const skuView = z.looseObject({
  SkuId: id,
  SellerSku: z.string(),
  price: num.optional(),
  quantity: num.optional(),
  Status: z.string().optional(),
});

/** An item of GetProductItem / GetProducts (LAZ-API product-api/getproductitem.json, getproducts.json). */
export const productView = z.looseObject({
  item_id: id,
  status: z.string().optional(),
  /** Epoch milliseconds as a string (`"1611554725000"`), the item's last change. */
  updated_time: num.optional(),
  attributes: z.looseObject({ name: z.string().optional() }).optional(),
  skus: z.array(skuView).default([]),
});
export type LazadaProductView = z.infer<typeof productView>;

export const productsAnswer = z.object({
  total_products: num.optional(),
  products: z.array(productView).optional().default([]),
});

export const createAnswer = z.object({
  item_id: id,
  item_status: z.string().optional(),
  sku_list: z.array(z.object({ seller_sku: z.string(), sku_id: id })).default([]),
});

export const migrateAnswer = z.object({ image: z.object({ url: z.string().min(1) }) });

export const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number(),
  refresh_expires_in: z.number().optional(),
});

const statusOf = (raw: string): ListingStatus => {
  const word = raw.toLowerCase();
  if (word === 'active' || word === 'live') return 'live';
  if (word.includes('pending')) return 'pending-review';
  if (word.includes('delete')) return 'deleted';
  if (word.includes('suspend') || word.includes('reject') || word.includes('lock') || word === 'banned')
    return 'banned';
  return 'inactive';
};

export function toListing(
  view: LazadaProductView,
  shopId: string,
  sellerSku?: string,
): MarketplaceListing | undefined {
  const sku = sellerSku === undefined ? view.skus[0] : view.skus.find((one) => one.SellerSku === sellerSku);
  if (sku === undefined) return undefined;
  const ref: ListingRef = {
    channel: 'lazada',
    shopId,
    sellerSku: sku.SellerSku,
    externalItemId: view.item_id,
    externalSkuId: sku.SkuId,
  };
  const marketplaceStatus = view.status ?? sku.Status ?? 'unknown';
  const skuInactive = sku.Status !== undefined && sku.Status.toLowerCase() === 'inactive';
  const status = statusOf(marketplaceStatus);
  return {
    ref,
    title: view.attributes?.name ?? '',
    priceVnd: sku.price ?? 0,
    stock: sku.quantity ?? 0,
    status: status === 'live' && skuInactive ? 'inactive' : status,
    marketplaceStatus,
    ...(Number.isFinite(view.updated_time) ? { updatedAt: view.updated_time } : {}),
  };
}

const packageOf = (draft: ListingDraft) => ({
  package_weight: (draft.weightGrams / 1000).toFixed(2),
  package_length: String(draft.packageCm?.length ?? 0),
  package_width: String(draft.packageCm?.width ?? 0),
  package_height: String(draft.packageCm?.height ?? 0),
});

const attributesOf = (draft: ListingDraft, brandId: string) => ({
  name: draft.title,
  description: draft.description,
  brand_id: brandId,
});

/** `/product/create` payload, JSON form (LAZ-GUIDE create-a-product). */
export function createPayload(draft: ListingDraft, images: readonly string[], brandId: string): string {
  const sku = {
    SellerSku: draft.sellerSku,
    quantity: String(draft.stock),
    price: String(draft.priceVnd),
    ...packageOf(draft),
  };
  const product = {
    PrimaryCategory: draft.categoryId,
    Images: { Image: [...images] },
    Attributes: attributesOf(draft, brandId),
    Skus: { Sku: [sku] },
  };
  return JSON.stringify({ Request: { Product: product } });
}

/** `/product/update` payload: keyed by ItemId and SkuId; SellerSku cannot change (LAZ-GUIDE update-a-product). */
export function updatePayload(
  ref: ListingRef,
  draft: ListingDraft,
  images: readonly string[],
  brandId: string,
): string {
  const product = {
    ItemId: ref.externalItemId,
    PrimaryCategory: draft.categoryId,
    Images: { Image: [...images] },
    Attributes: attributesOf(draft, brandId),
    Skus: { Sku: [{ SkuId: ref.externalSkuId ?? '', ...packageOf(draft) }] },
  };
  return JSON.stringify({ Request: { Product: product } });
}

/** One SKU of the batch APIs (price_quantity/update, stock/sellable/update). */
export function skuPayload(ref: ListingRef, fields: Record<string, string>): string {
  // A SKU is named by ItemId + SkuId or by SellerSku alone (research §2.5). Refs rebuilt from the ledger carry
  // no SkuId: an empty SkuId would name no SKU at all, so it is left out and the seller SKU does the naming.
  const sku = {
    ItemId: ref.externalItemId,
    ...(ref.externalSkuId === undefined ? {} : { SkuId: ref.externalSkuId }),
    SellerSku: ref.sellerSku,
    ...fields,
  };
  return JSON.stringify({ Request: { Product: { Skus: { Sku: [sku] } } } });
}
