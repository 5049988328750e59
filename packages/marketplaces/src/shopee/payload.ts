import type { ListingDraft, ListingRef, ListingStatus, MarketplaceListing } from '../types.js';
import type { ShopeeItemView } from './schemas.js';

/** Item statuses (SHP-DOC v2.product.get_item_list) in the domain's words. */
const statusOf: Record<string, ListingStatus> = {
  NORMAL: 'live',
  UNLIST: 'inactive',
  REVIEWING: 'pending-review',
  BANNED: 'banned',
  SELLER_DELETE: 'deleted',
  SHOPEE_DELETE: 'deleted',
};

export interface ShopeeListingSettings {
  /** Logistics channel ids enabled on new items (from `v2.logistics.get_channel_list`). */
  logisticIds: readonly number[];
  /** Attribute id of "country of origin" in the category's attribute tree. */
  originAttributeId: number;
}

/** Fields add_item and update_item share (SHP-DOC v2.product.add_item); VN prices are whole đồng. */
export function itemFields(
  draft: ListingDraft,
  imageIds: readonly string[],
  settings: ShopeeListingSettings,
) {
  return {
    item_name: draft.title,
    description: draft.description,
    original_price: draft.priceVnd,
    weight: draft.weightGrams / 1000,
    category_id: Number(draft.categoryId),
    image: { image_id_list: [...imageIds] },
    item_sku: draft.sellerSku,
    condition: 'NEW',
    brand: { brand_id: 0, original_brand_name: 'No Brand' },
    logistic_info: settings.logisticIds.map((logistic_id) => ({ logistic_id, enabled: true })),
    attribute_list: [
      {
        attribute_id: settings.originAttributeId,
        attribute_value_list: [{ value_id: 0, original_value_name: 'Việt Nam' }],
      },
    ],
    ...(draft.packageCm === undefined
      ? {}
      : {
          dimension: {
            package_length: draft.packageCm.length,
            package_width: draft.packageCm.width,
            package_height: draft.packageCm.height,
          },
        }),
  };
}

export function toListing(view: ShopeeItemView, shopId: string): MarketplaceListing {
  const ref: ListingRef = {
    channel: 'shopee',
    shopId,
    sellerSku: view.item_sku,
    externalItemId: view.item_id,
  };
  const sellerStock = view.stock_info_v2?.seller_stock?.reduce((sum, entry) => sum + entry.stock, 0);
  return {
    ref,
    title: view.item_name,
    priceVnd: view.price_info?.[0]?.original_price ?? 0,
    stock: sellerStock ?? view.stock_info_v2?.summary_info?.total_available_stock ?? 0,
    status: statusOf[view.item_status] ?? 'inactive',
    marketplaceStatus: view.item_status,
    ...(view.update_time === undefined ? {} : { updatedAt: view.update_time * 1000 }),
  };
}
