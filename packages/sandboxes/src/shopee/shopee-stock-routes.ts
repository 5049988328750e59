import { totalStock } from '../core/catalogue.js';
import type { SandboxRequest, SandboxResponse } from '../core/http-types.js';
import type { Router } from '../core/router.js';
import { campaignRefusesStock } from '../core/seller-centre.js';
import { failWith, type ShopeeContext, shopeeBody, shopeeItem } from './shopee-context.js';
import { shopeeOk } from './shopee-errors.js';
import { NO_MODEL_ID } from './shopee-items.js';
import { unlistItemSchema, updatePriceSchema, updateStockSchema } from './shopee-schemas.js';
import { checkShopeePrice } from './shopee-validation.js';

const WRONG_MODEL = 'Wrong model_id: the item has no model with this id.';
/**
 * A promotion reserves the item's stock; update_stock refuses stock below it with this `failed_reason`
 * (SHP-DOC v2.product.update_stock, research §1.4–1.5: "Total stock must be more than reserved stock").
 */
export const SHOPEE_PROMOTION_STOCK_REFUSAL = 'Total stock must be more than reserved stock';
const LOCATION_MISMATCH = "The location_id input is not matched the shop's location_id";

const modelOf = (modelId: number | undefined): string => String(modelId ?? 0);

/** Partial success: unknown models go to failure_list, the rest is applied (SHP-DOC v2.product.update_price). */
function updatePrice(request: SandboxRequest, context: ShopeeContext): SandboxResponse {
  const body = shopeeBody(request, context, updatePriceSchema);
  if (!body.ok) return body.response;
  const found = shopeeItem(context, body.value.item_id);
  if (!found.ok) return found.response;
  for (const [index, entry] of body.value.price_list.entries()) {
    const failure = checkShopeePrice(entry.original_price, `price_list[${index}].original_price`);
    if (failure) return failWith(context, failure).response;
  }
  const successes: Array<{ model_id: number; original_price: number }> = [];
  const failures: Array<{ model_id: number; failed_reason: string }> = [];
  for (const entry of body.value.price_list) {
    const sku = found.value.skus.find((candidate) => candidate.skuId === modelOf(entry.model_id));
    if (!sku) failures.push({ model_id: entry.model_id ?? 0, failed_reason: WRONG_MODEL });
    else {
      sku.price = entry.original_price;
      successes.push({ model_id: Number(NO_MODEL_ID), original_price: entry.original_price });
    }
  }
  if (successes.length > 0) context.catalogue.touch(found.value);
  return shopeeOk(context.requestId, { failure_list: failures, success_list: successes });
}

/** Absolute seller stock per model; a single-warehouse shop takes no location_id (SHP-DOC v2.product.update_stock). */
function updateStock(request: SandboxRequest, context: ShopeeContext): SandboxResponse {
  const body = shopeeBody(request, context, updateStockSchema);
  if (!body.ok) return body.response;
  const found = shopeeItem(context, body.value.item_id);
  if (!found.ok) return found.response;
  const successes: Array<{ model_id: number; location_id: string; stock: number }> = [];
  const failures: Array<{ model_id: number; failed_reason: string }> = [];
  for (const entry of body.value.stock_list) {
    const modelId = entry.model_id ?? 0;
    const sku = found.value.skus.find((candidate) => candidate.skuId === modelOf(entry.model_id));
    if (!sku) failures.push({ model_id: modelId, failed_reason: WRONG_MODEL });
    else if (entry.seller_stock.some((stock) => stock.location_id)) {
      failures.push({ model_id: modelId, failed_reason: LOCATION_MISMATCH });
    } else {
      const stock = entry.seller_stock.reduce((sum, item) => sum + item.stock, 0);
      if (campaignRefusesStock(found.value, totalStock(sku), stock)) {
        failures.push({ model_id: modelId, failed_reason: SHOPEE_PROMOTION_STOCK_REFUSAL });
        continue;
      }
      sku.stock.set('', stock);
      successes.push({ model_id: modelId, location_id: '', stock });
    }
  }
  if (successes.length > 0) context.catalogue.touch(found.value);
  return shopeeOk(context.requestId, { failure_list: failures, success_list: successes });
}

/** NORMAL ⇄ UNLIST per item; banned items cannot be delisted (SHP-DOC v2.product.unlist_item). */
function unlistItem(request: SandboxRequest, context: ShopeeContext): SandboxResponse {
  const body = shopeeBody(request, context, unlistItemSchema);
  if (!body.ok) return body.response;
  const successes: Array<{ item_id: number; unlist: boolean }> = [];
  const failures: Array<{ item_id: number; failed_reason: string }> = [];
  for (const entry of body.value.item_list) {
    const found = shopeeItem(context, entry.item_id);
    if (!found.ok) failures.push({ item_id: entry.item_id, failed_reason: 'error_item_not_found' });
    else if (found.value.status === 'banned') {
      failures.push({
        item_id: entry.item_id,
        failed_reason: 'error_busi_cannot_delist_reviewing_or_banned_item',
      });
    } else {
      found.value.status = entry.unlist ? 'unlisted' : 'live';
      context.catalogue.touch(found.value);
      successes.push({ item_id: entry.item_id, unlist: entry.unlist });
    }
  }
  return shopeeOk(context.requestId, { failure_list: failures, success_list: successes });
}

/** The stock and price writes (the `ignoreWriteRate` fault's targets). */
export const SHOPEE_STOCK_AND_PRICE_WRITES: ReadonlySet<string> = new Set([
  '/api/v2/product/update_price',
  '/api/v2/product/update_stock',
]);

export function registerShopeeStockRoutes(router: Router<ShopeeContext>): Router<ShopeeContext> {
  return router
    .on('POST', '/api/v2/product/update_price', updatePrice)
    .on('POST', '/api/v2/product/update_stock', updateStock)
    .on('POST', '/api/v2/product/unlist_item', unlistItem);
}
