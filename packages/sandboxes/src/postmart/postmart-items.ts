import { type StoredItem, totalStock } from '../core/catalogue.js';
import type { Sequence } from '../core/sequence.js';
import type { ItemStatus } from '../types.js';
import type { CreateProductBody, PostmartSkuInput } from './postmart-schemas.js';

export const POSTMART_STATUS: Readonly<Record<ItemStatus, string>> = {
  live: 'active',
  unlisted: 'inactive',
  banned: 'banned',
  deleted: 'deleted',
};

type SkuExtra = Pick<PostmartSkuInput, 'weight_g' | 'dimensions_cm'>;

export function newPostmartItem(
  ids: { itemId: string; shopId: string; skuIds: Sequence; now: number },
  body: CreateProductBody,
): StoredItem {
  const skuExtra: Record<string, SkuExtra> = {};
  const skus = body.skus.map((sku) => {
    const skuId = `PM-S-${ids.skuIds.next()}`;
    skuExtra[skuId] = { weight_g: sku.weight_g, dimensions_cm: sku.dimensions_cm };
    const stock = new Map<string, number>();
    for (const entry of sku.stock) stock.set(entry.location_code, entry.quantity);
    return { skuId, sellerSku: sku.seller_sku, price: sku.price_vnd, stock, active: true, deleted: false };
  });
  return {
    itemId: ids.itemId,
    shopId: ids.shopId,
    title: body.title.normalize('NFC'),
    description: body.description.normalize('NFC'),
    categoryId: body.category_id,
    attributes: Object.fromEntries(
      Object.entries(body.attributes).map(([key, value]) => [key, String(value)]),
    ),
    images: body.images,
    weightGrams: body.skus[0]?.weight_g ?? 0,
    status: body.status === 'inactive' ? 'unlisted' : 'live',
    skus,
    version: 1,
    createdAt: ids.now,
    updatedAt: ids.now,
    extra: { ocop: body.ocop, origin: body.origin, skuExtra, rawAttributes: body.attributes },
  };
}

/** `GET /v1/products/{id}` data (proposal §3.2). */
export function postmartProductView(item: StoredItem): Record<string, unknown> {
  const skuExtra = (item.extra.skuExtra ?? {}) as Record<string, SkuExtra>;
  return {
    product_id: item.itemId,
    title: item.title,
    description: item.description,
    category_id: item.categoryId,
    attributes: item.extra.rawAttributes ?? item.attributes,
    images: item.images,
    ocop: item.extra.ocop,
    origin: item.extra.origin,
    status: POSTMART_STATUS[item.status],
    ...(item.statusReason === undefined ? {} : { status_reason: item.statusReason }),
    version: item.version,
    created_at: new Date(item.createdAt).toISOString(),
    updated_at: new Date(item.updatedAt).toISOString(),
    skus: item.skus.map((sku) => ({
      seller_sku: sku.sellerSku,
      sku_id: sku.skuId,
      price_vnd: sku.price,
      ...skuExtra[sku.skuId],
      stock: [...sku.stock].map(([location_code, quantity]) => ({ location_code, quantity, reserved: 0 })),
      total_quantity: totalStock(sku),
    })),
  };
}
