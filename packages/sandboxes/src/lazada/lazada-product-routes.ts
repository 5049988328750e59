import type { StoredItem } from '../core/catalogue.js';
import type { SandboxResponse } from '../core/http-types.js';
import { Router } from '../core/router.js';
import { type LazadaContext, lazadaItem } from './lazada-context.js';
import { type LazadaFailure, lazadaError, lazadaOk } from './lazada-errors.js';
import { lazadaItemView, newLazadaItem, refreshLazadaStatus } from './lazada-items.js';
import { decodeWith } from './lazada-payload.js';
import { getProducts } from './lazada-products-list.js';
import {
  checkImages,
  checkPackage,
  checkPrice,
  checkQuantity,
  checkSpecialPrice,
  checkTitle,
  failure,
} from './lazada-rules.js';
import {
  createProductSchema,
  type UpdateProductPayload,
  type UpdateSku,
  updateProductSchema,
} from './lazada-schemas.js';
import { registerLazadaStockRoutes } from './lazada-stock-routes.js';
import { checkCategory, validateLazadaCreate } from './lazada-validation.js';

const answer = (context: LazadaContext, failed: LazadaFailure): SandboxResponse =>
  lazadaError(context.requestId, failed);

function createProduct(_request: unknown, context: LazadaContext): SandboxResponse {
  const decoded = decodeWith(context.params.payload, 'payload', createProductSchema);
  if (!decoded.ok) return answer(context, decoded.failure);
  const product = decoded.value.request.product;
  const failed = validateLazadaCreate(product, (sku) =>
    context.catalogue.sellerSkuTaken(context.shopId, sku),
  );
  if (failed) return answer(context, failed);
  const item = newLazadaItem(
    { itemId: context.itemIds.next(), shopId: context.shopId, skuIds: context.skuIds, now: context.now() },
    product,
  );
  context.catalogue.addItem(item);
  return lazadaOk(context.requestId, {
    item_id: Number(item.itemId),
    sku_list: item.skus.map((sku) => ({
      seller_sku: sku.sellerSku,
      shop_sku: `${item.itemId}_VNAMZ-${sku.skuId}`,
      sku_id: Number(sku.skuId),
    })),
  });
}

function checkSkuPatch(item: StoredItem, sku: UpdateSku, field: string): LazadaFailure | undefined {
  const stored = item.skus.find((candidate) => candidate.skuId === sku.skuid && !candidate.deleted);
  if (!stored)
    return failure(
      '4136',
      'SELLER_SKU_NOT_FOUND',
      `${field}.SkuId`,
      `${sku.skuid} is not a SKU of item ${item.itemId}`,
    );
  const status = sku.status?.toLowerCase();
  if (status !== undefined && !['active', 'inactive', 'deleted'].includes(status)) {
    return failure(
      '5',
      'E005: Invalid Request Format',
      `${field}.Status`,
      'must be active, inactive or deleted',
    );
  }
  if (status === 'active' && item.status === 'banned') {
    return failure('4155', 'BIZ_CHECK_NO_EDIT_ITEM_LOCK', `${field}.Status`, 'the product is locked');
  }
  const price = sku.price ?? String(stored.price);
  const hasPackage = [sku.package_weight, sku.package_height, sku.package_length, sku.package_width].some(
    (v) => v !== undefined,
  );
  return (
    (sku.price === undefined ? undefined : checkPrice(sku.price, `${field}.price`)) ??
    checkSpecialPrice(sku.special_price, Number(price), `${field}.special_price`) ??
    (sku.quantity === undefined ? undefined : checkQuantity(sku.quantity, `${field}.quantity`)) ??
    (hasPackage ? checkPackage(sku, field) : undefined)
  );
}

function checkUpdate(item: StoredItem, product: UpdateProductPayload): LazadaFailure | undefined {
  const attributes = { ...item.attributes, ...product.attributes };
  const categoryFailure = checkCategory(product.primarycategory ?? item.categoryId, attributes);
  if (categoryFailure) return categoryFailure;
  const titleFailure = checkTitle(attributes.name ?? '');
  if (titleFailure) return titleFailure;
  if (product.images && product.images.image.length === 0) {
    return failure('4139', 'BIZ_CHECK_MAIN_IMAGE_REQUIRE', 'Images.Image', 'at least one image is required');
  }
  const imageFailure = product.images ? checkImages(product.images.image, 'Images.Image') : undefined;
  if (imageFailure) return imageFailure;
  const skus = product.skus?.sku ?? [];
  for (const [index, sku] of skus.entries()) {
    const skuFailure = checkSkuPatch(item, sku, `Skus.Sku[${index}]`);
    if (skuFailure) return skuFailure;
  }
  return undefined;
}

function applyUpdate(item: StoredItem, product: UpdateProductPayload): void {
  if (product.attributes) {
    const patch = Object.fromEntries(
      Object.entries(product.attributes).map(([key, value]) => [key, value.normalize('NFC')]),
    );
    item.attributes = { ...item.attributes, ...patch };
    item.title = item.attributes.name ?? item.title;
    item.description = item.attributes.description ?? item.description;
  }
  if (product.primarycategory) item.categoryId = product.primarycategory;
  if (product.images) item.images = product.images.image;
  for (const patch of product.skus?.sku ?? []) {
    const sku = item.skus.find((candidate) => candidate.skuId === patch.skuid);
    if (!sku) continue;
    if (patch.price !== undefined) sku.price = Number(patch.price);
    if (patch.special_price !== undefined) sku.specialPrice = Number(patch.special_price);
    if (patch.quantity !== undefined) sku.stock.set('', Number(patch.quantity));
    const status = patch.status?.toLowerCase();
    if (status === 'deleted') sku.deleted = true;
    else if (status !== undefined) sku.active = status === 'active';
  }
  refreshLazadaStatus(item);
}

/** UpdateProduct: ItemId and per-SKU SkuId are the keys; SKU `Status` re-activates (LAZ-GUIDE update-a-product). */
function updateProduct(_request: unknown, context: LazadaContext): SandboxResponse {
  const decoded = decodeWith(context.params.payload, 'payload', updateProductSchema);
  if (!decoded.ok) return answer(context, decoded.failure);
  const product = decoded.value.request.product;
  const found = lazadaItem(context, product.itemid);
  if (!found.ok) return answer(context, found.failure);
  const failed = checkUpdate(found.value, product);
  if (failed) return answer(context, failed);
  applyUpdate(found.value, product);
  context.catalogue.touch(found.value);
  return lazadaOk(context.requestId, {});
}

function getItem(_request: unknown, context: LazadaContext): SandboxResponse {
  const itemId = context.params.item_id;
  if (!itemId) return answer(context, { code: '1', message: 'E001: Parameter item_id is mandatory' });
  const item = context.catalogue.item(itemId);
  if (!item || item.shopId !== context.shopId)
    return answer(context, failure('4137', 'ITEM_NOT_FOUND', 'item_id', `${itemId} not found`));
  return lazadaOk(context.requestId, lazadaItemView(item));
}

export function lazadaRoutes(): Router<LazadaContext> {
  const router = new Router<LazadaContext>()
    .on('POST', '/rest/product/create', createProduct)
    .on('POST', '/rest/product/update', updateProduct)
    .on(['GET', 'POST'], '/rest/product/item/get', getItem)
    .on(['GET', 'POST'], '/rest/products/get', getProducts);
  return registerLazadaStockRoutes(router);
}
