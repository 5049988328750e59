import type { StoredItem } from '../core/catalogue.js';
import type { SandboxRequest, SandboxResponse } from '../core/http-types.js';
import { Router } from '../core/router.js';
import { SHOPEE_LIMITS } from './shopee-catalogue.js';
import { failWith, type ShopeeContext, shopeeBody, shopeeItem } from './shopee-context.js';
import { shopeeError, shopeeOk } from './shopee-errors.js';
import { getItemList } from './shopee-item-list.js';
import { attributesOf, candidateOf, mergeCandidate, newShopeeItem, shopeeItemView } from './shopee-items.js';
import { unknownImage } from './shopee-media-space.js';
import { addItemSchema, deleteItemSchema, type UpdateItemBody, updateItemSchema } from './shopee-schemas.js';
import { registerShopeeStockRoutes } from './shopee-stock-routes.js';
import { validateShopeeItem } from './shopee-validation.js';

const LOCATION_MISMATCH = "The location_id input is not matched the shop's location_id";

function addItem(request: SandboxRequest, context: ShopeeContext): SandboxResponse {
  const body = shopeeBody(request, context, addItemSchema);
  if (!body.ok) return body.response;
  const data = body.value;
  const failure = validateShopeeItem({
    ...data,
    image_id_list: data.image?.image_id_list ?? [],
    attribute_list: data.attribute_list ?? [],
  });
  if (failure) return failWith(context, failure).response;
  const imageRefusal = unknownImage(context, data.image?.image_id_list ?? []);
  if (imageRefusal) return imageRefusal;
  if ((data.seller_stock ?? []).some((entry) => entry.location_id)) {
    return shopeeError(context.requestId, 'error_param', `invalid field seller_stock: ${LOCATION_MISMATCH}`);
  }
  const item = newShopeeItem(context.itemIds.next(), context.shopId, data, context.now());
  context.catalogue.addItem(item);
  return shopeeOk(context.requestId, shopeeItemView(item));
}

function updateItem(request: SandboxRequest, context: ShopeeContext): SandboxResponse {
  const body = shopeeBody(request, context, updateItemSchema);
  if (!body.ok) return body.response;
  const found = shopeeItem(context, body.value.item_id);
  if (!found.ok) return found.response;
  const patch = body.value;
  const failure = validateShopeeItem(mergeCandidate(candidateOf(found.value), patch));
  if (failure) return failWith(context, failure).response;
  const imageRefusal = unknownImage(context, patch.image?.image_id_list ?? []);
  if (imageRefusal) return imageRefusal;
  applyPatch(found.value, patch);
  context.catalogue.touch(found.value);
  return shopeeOk(context.requestId, shopeeItemView(found.value));
}

function applyPatch(item: StoredItem, patch: UpdateItemBody): void {
  if (patch.item_name !== undefined) item.title = patch.item_name.normalize('NFC');
  if (patch.description !== undefined) item.description = patch.description.normalize('NFC');
  if (patch.category_id !== undefined) item.categoryId = String(patch.category_id);
  if (patch.image !== undefined) item.images = [...patch.image.image_id_list];
  if (patch.weight !== undefined) item.weightGrams = Math.round(patch.weight * 1000);
  if (patch.attribute_list !== undefined) {
    item.attributes = attributesOf(patch.attribute_list);
    item.extra.attribute_list = patch.attribute_list;
  }
  if (patch.item_status !== undefined && item.status !== 'banned') {
    item.status = patch.item_status === 'UNLIST' ? 'unlisted' : 'live';
  }
  const sku = item.skus[0];
  if (sku && patch.original_price !== undefined) sku.price = patch.original_price;
  if (sku && patch.item_sku !== undefined) item.skus[0] = { ...sku, sellerSku: patch.item_sku };
  for (const key of ['logistic_info', 'brand', 'dimension', 'condition'] as const) {
    if (patch[key] !== undefined) item.extra[key] = patch[key];
  }
}

function deleteItem(request: SandboxRequest, context: ShopeeContext): SandboxResponse {
  const body = shopeeBody(request, context, deleteItemSchema);
  if (!body.ok) return body.response;
  const found = shopeeItem(context, body.value.item_id);
  if (!found.ok) return found.response;
  found.value.status = 'deleted';
  context.catalogue.touch(found.value);
  return shopeeOk(context.requestId);
}

/** `item_id_list` as `1,2`, `[1,2]` or `[1 2]` — the doc's own examples disagree (research §1.5). */
export function parseItemIdList(raw: string): string[] {
  return raw
    .replace(/^\[|\]$/g, '')
    .split(/[\s,+]+/)
    .filter((part) => part !== '');
}

function getItemBaseInfo(request: SandboxRequest, context: ShopeeContext): SandboxResponse {
  const ids = parseItemIdList(request.query.get('item_id_list') ?? '');
  if (ids.length === 0 || ids.length > SHOPEE_LIMITS.batchMax || ids.some((id) => !/^\d+$/.test(id))) {
    return shopeeError(
      context.requestId,
      'error_param',
      'invalid field item_id_list: 1 to 50 numeric item ids.',
    );
  }
  const items = ids.map((id) => context.catalogue.item(id)).filter((item) => item?.shopId === context.shopId);
  const missing = ids.filter((id) => context.catalogue.item(id)?.shopId !== context.shopId);
  const warning = missing.length === 0 ? '' : `item_id not found: ${missing.join(',')}`;
  const itemList = items.flatMap((item) => (item ? [shopeeItemView(item)] : []));
  return shopeeOk(context.requestId, { item_list: itemList }, warning);
}

export function shopeeRoutes(): Router<ShopeeContext> {
  const router = new Router<ShopeeContext>()
    .on('POST', '/api/v2/product/add_item', addItem)
    .on('POST', '/api/v2/product/update_item', updateItem)
    .on('POST', '/api/v2/product/delete_item', deleteItem)
    .on('GET', '/api/v2/product/get_item_base_info', getItemBaseInfo)
    .on('GET', '/api/v2/product/get_item_list', getItemList);
  return registerShopeeStockRoutes(router);
}
