import { type StoredItem, type StoredSku, totalStock } from '../core/catalogue.js';
import type { Sequence } from '../core/sequence.js';
import type { ItemStatus } from '../types.js';
import type { CreateProductPayload, CreateSku } from './lazada-schemas.js';

/** Product statuses as GetProducts filters name them (LAZ-API product-api/getproducts.json). */
export const LAZADA_STATUS: Readonly<Record<ItemStatus, string>> = {
  live: 'Active',
  unlisted: 'InActive',
  banned: 'Suspended',
  deleted: 'Deleted',
};

/** The default warehouse code of single-warehouse sellers (research §2.5). */
export const DEFAULT_WAREHOUSE = 'dropshipping';

type PackageFields = Pick<
  CreateSku,
  'package_weight' | 'package_height' | 'package_length' | 'package_width'
>;

function newSku(sku: CreateSku, skuIds: Sequence): StoredSku {
  return {
    skuId: skuIds.next(),
    sellerSku: sku.sellersku,
    price: Number(sku.price),
    ...(sku.special_price ? { specialPrice: Number(sku.special_price) } : {}),
    stock: new Map([['', Number(sku.quantity ?? 0)]]),
    active: (sku.status ?? 'active').toLowerCase() !== 'inactive',
    deleted: false,
  };
}

export function newLazadaItem(
  ids: { itemId: string; shopId: string; skuIds: Sequence; now: number },
  product: CreateProductPayload,
): StoredItem {
  const skus = product.skus.sku.map((sku) => newSku(sku, ids.skuIds));
  const packages: Record<string, PackageFields> = {};
  const skuImages: Record<string, string[]> = {};
  product.skus.sku.forEach((sku, index) => {
    const skuId = skus[index]?.skuId ?? '';
    const { package_weight, package_height, package_length, package_width } = sku;
    packages[skuId] = { package_weight, package_height, package_length, package_width };
    skuImages[skuId] = sku.images?.image ?? [];
  });
  const attributes = Object.fromEntries(
    Object.entries(product.attributes).map(([key, value]) => [key, value.normalize('NFC')]),
  );
  const item: StoredItem = {
    itemId: ids.itemId,
    shopId: ids.shopId,
    title: attributes.name ?? '',
    description: attributes.description ?? '',
    categoryId: product.primarycategory,
    attributes,
    images: product.images?.image ?? [],
    weightGrams: Math.round(Number(product.skus.sku[0]?.package_weight ?? 0) * 1000),
    status: 'live',
    skus,
    version: 1,
    createdAt: ids.now,
    updatedAt: ids.now,
    extra: { packages, skuImages },
  };
  refreshLazadaStatus(item);
  return item;
}

/** Item status follows its SKUs: live if any SKU is active, deleted if all are deleted; a ban sticks. */
export function refreshLazadaStatus(item: StoredItem): void {
  if (item.status === 'banned') return;
  const remaining = item.skus.filter((sku) => !sku.deleted);
  if (remaining.length === 0) item.status = 'deleted';
  else item.status = remaining.some((sku) => sku.active) ? 'live' : 'unlisted';
}

function skuView(item: StoredItem, sku: StoredSku): Record<string, unknown> {
  const packages = (item.extra.packages ?? {}) as Record<string, PackageFields>;
  const images = (item.extra.skuImages ?? {}) as Record<string, string[]>;
  const quantity = totalStock(sku);
  return {
    SkuId: Number(sku.skuId),
    SellerSku: sku.sellerSku,
    ShopSku: `${item.itemId}_VNAMZ-${sku.skuId}`,
    Status: sku.deleted ? 'deleted' : sku.active ? 'active' : 'inactive',
    quantity,
    Available: quantity,
    price: sku.price,
    ...(sku.specialPrice === undefined ? {} : { special_price: sku.specialPrice }),
    Images: images[sku.skuId] ?? [],
    ...packages[sku.skuId],
    multiWarehouseInventories: [
      {
        warehouseCode: DEFAULT_WAREHOUSE,
        quantity,
        totalQuantity: quantity,
        sellableQuantity: quantity,
        occupyQuantity: 0,
        withholdQuantity: 0,
      },
    ],
  };
}

/** GetProductItem's `data` (LAZ-API product-api/getproductitem.json). */
export function lazadaItemView(item: StoredItem): Record<string, unknown> {
  return {
    item_id: Number(item.itemId),
    primary_category: Number(item.categoryId),
    attributes: item.attributes,
    images: item.images,
    status: LAZADA_STATUS[item.status],
    ...(item.statusReason === undefined ? {} : { rejectReason: [{ violationDetail: item.statusReason }] }),
    created_time: String(item.createdAt),
    updated_time: String(item.updatedAt),
    // A deleted product still names its SKUs (each `Status: deleted`), so a read-back can match it.
    skus: item.skus
      .filter((sku) => !sku.deleted || item.status === 'deleted')
      .map((sku) => skuView(item, sku)),
  };
}
