import type { StoredItem, StoredSku } from '../core/catalogue.js';
import type { SandboxResponse } from '../core/http-types.js';
import type { Router } from '../core/router.js';
import { campaignRefusesStock } from '../core/seller-centre.js';
import { LAZADA_LIMITS } from './lazada-catalogue.js';
import { type LazadaContext, lazadaItem, lazadaSku } from './lazada-context.js';
import { type LazadaFailure, lazadaError, lazadaOk } from './lazada-errors.js';
import { refreshLazadaStatus } from './lazada-items.js';
import { decodeWith } from './lazada-payload.js';
import { checkPrice, checkQuantity, checkSpecialPrice, failure } from './lazada-rules.js';
import { type BatchSku, deactivateSchema, skuBatchSchema } from './lazada-schemas.js';

type Change = { readonly item: StoredItem; readonly sku: StoredSku; readonly input: BatchSku };
type Mode = 'price-quantity' | 'sellable' | 'adjust';

function checkBatchSku(change: Change, mode: Mode, field: string): LazadaFailure | undefined {
  const { input, sku } = change;
  if (mode === 'price-quantity') {
    const price = input.price ?? String(sku.price);
    return (
      (input.price === undefined ? undefined : checkPrice(input.price, `${field}.Price`)) ??
      checkSpecialPrice(input.saleprice, Number(price), `${field}.SalePrice`) ??
      (input.quantity === undefined ? undefined : checkQuantity(input.quantity, `${field}.Quantity`))
    );
  }
  const raw = input.sellablequantity;
  if (raw === undefined)
    return failure(
      '1',
      'E001: Parameter SellableQuantity is mandatory',
      `${field}.SellableQuantity`,
      'is mandatory',
    );
  const invalid = checkQuantity(raw, `${field}.SellableQuantity`, mode === 'adjust');
  if (invalid) return invalid;
  const next = mode === 'adjust' ? (sku.stock.get('') ?? 0) + Number(raw) : Number(raw);
  return next < 0
    ? failure(
        '4152',
        'THD_INVENTORY_ERR_INV_PARAM_ILLEGAL',
        `${field}.SellableQuantity`,
        'would make stock negative',
      )
    : undefined;
}

/**
 * During a campaign Lazada lets stock rise but not fall: code `4170` (LAZ-API product-api/updatepricequantity.json
 * and research §2.4–2.5; the message wording is ours, the code is documented).
 */
function campaignRefusal(change: Change, mode: Mode, field: string): LazadaFailure | undefined {
  const { input, sku, item } = change;
  const current = sku.stock.get('') ?? 0;
  const raw = mode === 'price-quantity' ? input.quantity : input.sellablequantity;
  if (raw === undefined) return undefined;
  const next = mode === 'adjust' ? current + Number(raw) : Number(raw);
  const name = mode === 'price-quantity' ? 'Quantity' : 'SellableQuantity';
  return campaignRefusesStock(item, current, next)
    ? failure(
        '4170',
        'Campaign stock can only be increased',
        `${field}.${name}`,
        'cannot be decreased while the product is in a campaign',
      )
    : undefined;
}

function applyBatchSku({ input, sku }: Change, mode: Mode): void {
  if (mode === 'price-quantity') {
    if (input.price !== undefined) sku.price = Number(input.price);
    if (input.saleprice !== undefined) sku.specialPrice = Number(input.saleprice);
    if (input.quantity !== undefined) sku.stock.set('', Number(input.quantity));
    return;
  }
  const value = Number(input.sellablequantity ?? 0);
  sku.stock.set('', mode === 'adjust' ? (sku.stock.get('') ?? 0) + value : value);
}

/**
 * All-or-nothing batch of ≤50 SKUs: any failing SKU answers the overview code with a per-SKU `detail`
 * (LAZ-API product-api/updatepricequantity.json, updatesellablequantity.json).
 */
function skuBatch(mode: Mode) {
  return (_request: unknown, context: LazadaContext): SandboxResponse => {
    const decoded = decodeWith(context.params.payload, 'payload', skuBatchSchema);
    if (!decoded.ok) return lazadaError(context.requestId, decoded.failure);
    const skus = decoded.value.request.product.skus.sku;
    if (skus.length > LAZADA_LIMITS.skusPerCall) {
      return lazadaError(
        context.requestId,
        failure('4171', 'Too many SKUs', 'Skus.Sku', `has ${skus.length} SKUs (max 50)`),
      );
    }
    const changes: Change[] = [];
    const detail: Array<Record<string, string>> = [];
    for (const [index, input] of skus.entries()) {
      const field = `Skus.Sku[${index}]`;
      const found = lazadaSku(context, input, field);
      const change = found.ok ? { ...found.value, input } : undefined;
      const failed = found.ok
        ? change && (checkBatchSku(change, mode, field) ?? campaignRefusal(change, mode, field))
        : found.failure;
      if (failed)
        detail.push({ seller_sku: input.sellersku ?? '', field, code: failed.code, message: failed.message });
      else if (change) changes.push(change);
    }
    if (detail.length > 0)
      return lazadaError(context.requestId, { code: '501', message: 'E501: Update product failed', detail });
    for (const change of changes) applyBatchSku(change, mode);
    for (const item of new Set(changes.map((change) => change.item))) context.catalogue.touch(item);
    return lazadaOk(context.requestId, {});
  };
}

/** DeactivateProduct: the whole item, or the listed SKUs; already inactive → E0004 (LAZ-API deactivateproduct.json). */
function deactivate(_request: unknown, context: LazadaContext): SandboxResponse {
  const decoded = decodeWith(context.params.apiRequestBody, 'apiRequestBody', deactivateSchema);
  if (!decoded.ok) return lazadaError(context.requestId, decoded.failure);
  const product = decoded.value.request.product;
  const found = lazadaItem(context, product.itemid);
  if (!found.ok) return lazadaError(context.requestId, found.failure);
  const wanted = product.skus?.skuid;
  const targets = found.value.skus.filter(
    (sku) => !sku.deleted && (wanted === undefined || wanted.includes(sku.skuId)),
  );
  if (targets.length === 0 || targets.every((sku) => !sku.active) || found.value.status !== 'live') {
    return lazadaError(
      context.requestId,
      failure('E0004', 'Product Status not online', 'ItemId', `${product.itemid} is not online`),
    );
  }
  for (const sku of targets) sku.active = false;
  refreshLazadaStatus(found.value);
  context.catalogue.touch(found.value);
  return lazadaOk(context.requestId, {});
}

/** RemoveProduct: `sku_id_list` is a JSON array of `SkuId_<itemId>_<skuId>` (LAZ-API removeproduct.json). */
function remove(_request: unknown, context: LazadaContext): SandboxResponse {
  let list: unknown;
  try {
    list = JSON.parse(context.params.sku_id_list ?? '');
  } catch {
    return lazadaError(context.requestId, { code: '1', message: 'E001: Parameter sku_id_list is mandatory' });
  }
  const entries = Array.isArray(list) ? list.map(String) : [];
  const parsed = entries.map((entry) => /^SkuId_(\d+)_(\d+)$/.exec(entry));
  const bad = entries.find((_entry, index) => !parsed[index]);
  if (entries.length === 0 || entries.length > LAZADA_LIMITS.skusPerCall || bad !== undefined) {
    return lazadaError(
      context.requestId,
      failure(
        '5',
        'E005: Invalid Request Format',
        'sku_id_list',
        `needs 1–50 "SkuId_<itemId>_<skuId>" entries`,
      ),
    );
  }
  const found = parsed.map((match, index) =>
    lazadaSku(context, { itemid: match?.[1], skuid: match?.[2] }, `sku_id_list[${index}]`),
  );
  const detail = found.flatMap((result) =>
    result.ok ? [] : [{ field: result.failure.detail?.[0]?.field ?? '', message: result.failure.message }],
  );
  if (detail.length > 0)
    return lazadaError(context.requestId, { code: '503', message: 'E503: Remove product failed', detail });
  for (const result of found) {
    if (!result.ok) continue;
    result.value.sku.deleted = true;
    refreshLazadaStatus(result.value.item);
    context.catalogue.touch(result.value.item);
  }
  return lazadaOk(context.requestId, {});
}

/** The stock and price writes (the `ignoreWriteRate` fault's targets). */
export const LAZADA_STOCK_AND_PRICE_WRITES: ReadonlySet<string> = new Set([
  '/rest/product/price_quantity/update',
  '/rest/product/stock/sellable/update',
  '/rest/product/stock/sellable/adjust',
]);

export function registerLazadaStockRoutes(router: Router<LazadaContext>): Router<LazadaContext> {
  return router
    .on('POST', '/rest/product/price_quantity/update', skuBatch('price-quantity'))
    .on('POST', '/rest/product/stock/sellable/update', skuBatch('sellable'))
    .on('POST', '/rest/product/stock/sellable/adjust', skuBatch('adjust'))
    .on('POST', '/rest/product/deactivate', deactivate)
    .on('POST', '/rest/product/remove', remove);
}
