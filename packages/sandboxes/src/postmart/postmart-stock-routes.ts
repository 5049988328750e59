import type { SandboxRequest, SandboxResponse } from '../core/http-types.js';
import type { Router } from '../core/router.js';
import { campaignRefusesStock } from '../core/seller-centre.js';
import { POSTMART_LIMITS } from './postmart-catalogue.js';
import { ownProduct, type PostmartContext, postmartBody, refuse } from './postmart-context.js';
import { PM, postmartOk } from './postmart-errors.js';
import { POSTMART_STATUS } from './postmart-items.js';
import { priceSchema, statusChangeSchema, stockSchema } from './postmart-schemas.js';
import { checkOcop, checkPrice } from './postmart-validation.js';

type Params = Readonly<Record<string, string>>;
type StockItem = {
  seller_sku: string;
  location_code: string;
  quantity: number;
  expected_version?: number | undefined;
};
type StockResult = Record<string, unknown>;

function updatePrice(request: SandboxRequest, context: PostmartContext, params: Params): SandboxResponse {
  const found = ownProduct(context, params.productId ?? '', true);
  if (!found.ok) return found.response;
  const sku = found.value.skus.find((candidate) => candidate.sellerSku === params.sellerSku);
  if (!sku) return refuse(context, PM.skuNotFound(params.sellerSku ?? '')).response;
  const body = postmartBody(request, context, priceSchema);
  if (!body.ok) return body.response;
  const failed = checkPrice(body.value.price_vnd, 'price_vnd');
  if (failed) return refuse(context, failed).response;
  sku.price = body.value.price_vnd;
  context.catalogue.touch(found.value);
  return postmartOk(context.requestId, { seller_sku: sku.sellerSku, price_vnd: sku.price });
}

function setStock(context: PostmartContext, entry: StockItem): StockResult {
  const base = { seller_sku: entry.seller_sku, location_code: entry.location_code };
  const refused = (code: string, message: string) => ({ ...base, ok: false, code, message });
  const item = context.catalogue
    .itemsOf(context.shopId)
    .find(
      (candidate) =>
        candidate.status !== 'deleted' && candidate.skus.some((sku) => sku.sellerSku === entry.seller_sku),
    );
  const sku = item?.skus.find((candidate) => candidate.sellerSku === entry.seller_sku);
  if (!item || !sku) return refused('SKU_NOT_FOUND', `No SKU ${entry.seller_sku}.`);
  if (
    !Number.isInteger(entry.quantity) ||
    entry.quantity < 0 ||
    entry.quantity > POSTMART_LIMITS.quantityMax
  ) {
    return refused('INVALID_PARAM', `quantity must be an integer 0..${POSTMART_LIMITS.quantityMax}.`);
  }
  if (entry.expected_version !== undefined && entry.expected_version !== item.version) {
    return refused('VERSION_CONFLICT', `Product is at version ${item.version}.`);
  }
  if (campaignRefusesStock(item, sku.stock.get(entry.location_code) ?? 0, entry.quantity)) {
    const locked = PM.stockLockedByCampaign(entry.seller_sku);
    return refused(locked.code, locked.message);
  }
  sku.stock.set(entry.location_code, entry.quantity);
  context.catalogue.touch(item);
  return { ...base, ok: true, quantity: entry.quantity };
}

/** Absolute stock per (seller_sku, location_code), ≤50 items, partial success in `results` (proposal §3.2). */
function updateStock(request: SandboxRequest, context: PostmartContext): SandboxResponse {
  const body = postmartBody(request, context, stockSchema);
  if (!body.ok) return body.response;
  return postmartOk(context.requestId, {
    results: body.value.items.map((entry) => setStock(context, entry)),
  });
}

/** Idempotent: (de)activating a product already in that state is 200. */
function changeStatus(active: boolean) {
  return (request: SandboxRequest, context: PostmartContext, params: Params): SandboxResponse => {
    const found = ownProduct(context, params.productId ?? '', true);
    if (!found.ok) return found.response;
    const body = postmartBody(request, context, statusChangeSchema);
    if (!body.ok) return body.response;
    const item = found.value;
    if (active && item.status === 'banned') return refuse(context, PM.productBanned(item.itemId)).response;
    const ocop = item.extra.ocop as { expires_at: string } | undefined;
    const expired = active && ocop !== undefined ? checkOcop(ocop, context.now()) : undefined;
    if (expired) return refuse(context, expired).response;
    if (item.status !== 'banned' && (item.status === 'live') !== active) {
      item.status = active ? 'live' : 'unlisted';
      if (body.value.reason !== undefined) item.statusReason = body.value.reason;
      context.catalogue.touch(item);
    }
    return postmartOk(context.requestId, { product_id: item.itemId, status: POSTMART_STATUS[item.status] });
  };
}

export function registerPostmartStockRoutes(router: Router<PostmartContext>): Router<PostmartContext> {
  return router
    .on('PUT', '/v1/products/:productId/skus/:sellerSku/price', updatePrice)
    .on('PUT', '/v1/stock', updateStock)
    .on('POST', '/v1/products/:productId/activate', changeStatus(true))
    .on('POST', '/v1/products/:productId/deactivate', changeStatus(false));
}
