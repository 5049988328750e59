import type { StoredItem, StoredSku } from '../core/catalogue.js';
import { totalStock } from '../core/catalogue.js';
import type { ItemStatus } from '../types.js';
import type { AddItemBody, UpdateItemBody } from './shopee-schemas.js';
import type { ShopeeAttribute, ShopeeCandidate } from './shopee-validation.js';

/** Item statuses of SHP-DOC v2.product.get_item_list, mapped to the normalised ones. */
export const SHOPEE_STATUS: Readonly<Record<ItemStatus, string>> = {
  live: 'NORMAL',
  unlisted: 'UNLIST',
  banned: 'BANNED',
  deleted: 'SELLER_DELETE',
};

/** A no-model item has one implicit model, id 0 (SHP-DOC v2.product.update_stock). */
export const NO_MODEL_ID = '0';

export function attributesOf(list: readonly ShopeeAttribute[]): Record<string, string> {
  return Object.fromEntries(
    list.map((attribute) => [
      String(attribute.attribute_id),
      attribute.attribute_value_list
        .map((value) => value.original_value_name ?? String(value.value_id))
        .join(','),
    ]),
  );
}

export function newShopeeItem(itemId: string, shopId: string, body: AddItemBody, now: number): StoredItem {
  const stock = (body.seller_stock ?? []).reduce((sum, entry) => sum + entry.stock, 0);
  const sku: StoredSku = {
    skuId: NO_MODEL_ID,
    sellerSku: body.item_sku ?? '',
    price: body.original_price,
    stock: new Map([['', stock]]),
    active: true,
    deleted: false,
  };
  return {
    itemId,
    shopId,
    title: body.item_name.normalize('NFC'),
    description: body.description.normalize('NFC'),
    categoryId: String(body.category_id),
    attributes: attributesOf(body.attribute_list ?? []),
    images: [...(body.image?.image_id_list ?? [])],
    weightGrams: Math.round(body.weight * 1000),
    status: body.item_status === 'UNLIST' ? 'unlisted' : 'live',
    skus: [sku],
    version: 1,
    createdAt: now,
    updatedAt: now,
    extra: {
      logistic_info: body.logistic_info,
      attribute_list: body.attribute_list ?? [],
      brand: body.brand,
      dimension: body.dimension,
      condition: body.condition ?? 'NEW',
    },
  };
}

/** The stored item in Shopee's field names, for validating an update against the whole result. */
export function candidateOf(item: StoredItem): ShopeeCandidate {
  const extra = item.extra as {
    logistic_info?: ShopeeCandidate['logistic_info'];
    attribute_list?: ShopeeCandidate['attribute_list'];
    brand?: ShopeeCandidate['brand'];
  };
  return {
    item_name: item.title,
    description: item.description,
    original_price: item.skus[0]?.price ?? 0,
    weight: item.weightGrams / 1000,
    category_id: Number(item.categoryId),
    image_id_list: item.images,
    logistic_info: extra.logistic_info ?? [],
    attribute_list: extra.attribute_list ?? [],
    brand: extra.brand,
  };
}

/** One entry of `get_item_base_info`'s `item_list` (SHP-DOC v2.product.get_item_base_info). */
export function shopeeItemView(item: StoredItem): Record<string, unknown> {
  const sku = item.skus[0];
  const stock = sku ? totalStock(sku) : 0;
  return {
    item_id: Number(item.itemId),
    category_id: Number(item.categoryId),
    item_name: item.title,
    description: item.description,
    item_sku: sku?.sellerSku ?? '',
    create_time: Math.floor(item.createdAt / 1000),
    update_time: Math.floor(item.updatedAt / 1000),
    attribute_list: item.extra.attribute_list ?? [],
    price_info: [{ currency: 'VND', original_price: sku?.price ?? 0, current_price: sku?.price ?? 0 }],
    image: {
      image_id_list: item.images,
      image_url_list: item.images.map((id) => `https://cf.shopee.vn/file/${id}`),
    },
    weight: (item.weightGrams / 1000).toFixed(3),
    dimension: item.extra.dimension,
    logistic_info: item.extra.logistic_info ?? [],
    brand: item.extra.brand,
    condition: item.extra.condition ?? 'NEW',
    item_status: SHOPEE_STATUS[item.status],
    has_model: false,
    stock_info_v2: {
      summary_info: { total_reserved_stock: 0, total_available_stock: stock },
      seller_stock: [{ location_id: '', stock, if_saleable: item.status === 'live' }],
    },
  };
}

/** The item as update_item would leave it: patch fields over the current ones. */
export function mergeCandidate(current: ShopeeCandidate, patch: UpdateItemBody): ShopeeCandidate {
  return {
    item_name: patch.item_name ?? current.item_name,
    description: patch.description ?? current.description,
    original_price: patch.original_price ?? current.original_price,
    weight: patch.weight ?? current.weight,
    category_id: patch.category_id ?? current.category_id,
    image_id_list: patch.image?.image_id_list ?? current.image_id_list,
    logistic_info: patch.logistic_info ?? current.logistic_info,
    attribute_list: patch.attribute_list ?? current.attribute_list,
    brand: patch.brand ?? current.brand,
  };
}
