import type { StoredItem } from '../core/catalogue.js';
import { header, type SandboxRequest, type SandboxResponse } from '../core/http-types.js';
import { Router } from '../core/router.js';
import { POSTMART_CATEGORIES, POSTMART_LIMITS } from './postmart-catalogue.js';
import { ownProduct, type PostmartContext, postmartBody, refuse } from './postmart-context.js';
import { PM, postmartOk } from './postmart-errors.js';
import { newPostmartItem, POSTMART_STATUS, postmartProductView } from './postmart-items.js';
import { createProductSchema, type PatchProductBody, patchProductSchema } from './postmart-schemas.js';
import { registerPostmartStockRoutes } from './postmart-stock-routes.js';
import { checkListing, checkSkus, type PostmartListing } from './postmart-validation.js';

type Params = Readonly<Record<string, string>>;

function createProduct(request: SandboxRequest, context: PostmartContext): SandboxResponse {
  const body = postmartBody(request, context, createProductSchema);
  if (!body.ok) return body.response;
  const failed =
    checkListing(body.value, context.now()) ??
    checkSkus(body.value.skus, (sku) => context.catalogue.sellerSkuTaken(context.shopId, sku));
  if (failed) return refuse(context, failed).response;
  const item = newPostmartItem(
    {
      itemId: `PM-P-${context.itemIds.next()}`,
      shopId: context.shopId,
      skuIds: context.skuIds,
      now: context.now(),
    },
    body.value,
  );
  context.catalogue.addItem(item);
  const skus = item.skus.map((sku) => ({ seller_sku: sku.sellerSku, sku_id: sku.skuId }));
  return postmartOk(
    context.requestId,
    { product_id: item.itemId, version: item.version, status: POSTMART_STATUS[item.status], skus },
    201,
  );
}

function listingOf(item: StoredItem): PostmartListing {
  return {
    title: item.title,
    category_id: item.categoryId,
    attributes: (item.extra.rawAttributes ?? item.attributes) as PostmartListing['attributes'],
    images: item.images,
    ocop: item.extra.ocop as PostmartListing['ocop'],
  };
}

function applyPatch(item: StoredItem, patch: PatchProductBody): void {
  if (patch.title !== undefined) item.title = patch.title.normalize('NFC');
  if (patch.description !== undefined) item.description = patch.description.normalize('NFC');
  if (patch.category_id !== undefined) item.categoryId = patch.category_id;
  if (patch.images !== undefined) item.images = patch.images;
  if (patch.ocop !== undefined) item.extra.ocop = patch.ocop;
  if (patch.attributes !== undefined) {
    item.extra.rawAttributes = patch.attributes;
    item.attributes = Object.fromEntries(
      Object.entries(patch.attributes).map(([key, value]) => [key, String(value)]),
    );
  }
}

/** PATCH with an optional `If-Match: <version>`; a stale version is 409 VERSION_CONFLICT. */
function patchProduct(request: SandboxRequest, context: PostmartContext, params: Params): SandboxResponse {
  const found = ownProduct(context, params.productId ?? '', true);
  if (!found.ok) return found.response;
  const ifMatch = header(request, 'if-match');
  if (ifMatch !== undefined && ifMatch.replace(/"/g, '') !== String(found.value.version)) {
    return refuse(context, PM.versionConflict('If-Match')).response;
  }
  const body = postmartBody(request, context, patchProductSchema);
  if (!body.ok) return body.response;
  const merged: PostmartListing = { ...listingOf(found.value), ...body.value };
  const failed = checkListing(merged, context.now());
  if (failed) return refuse(context, failed).response;
  applyPatch(found.value, body.value);
  context.catalogue.touch(found.value);
  return postmartOk(context.requestId, { product_id: found.value.itemId, version: found.value.version });
}

function getProduct(_request: SandboxRequest, context: PostmartContext, params: Params): SandboxResponse {
  const found = ownProduct(context, params.productId ?? '', false);
  return found.ok ? postmartOk(context.requestId, postmartProductView(found.value)) : found.response;
}

/** `?seller_sku=&status=&page_size≤100&page_token=`; the page token is an offset. */
function listProducts(request: SandboxRequest, context: PostmartContext): SandboxResponse {
  const sellerSku = request.query.get('seller_sku');
  const status = request.query.get('status');
  const pageSize = Number(request.query.get('page_size') ?? '20');
  const offset = Number(request.query.get('page_token') ?? '0');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > POSTMART_LIMITS.pageSizeMax) {
    return refuse(context, PM.invalidParam('page_size', '1..100')).response;
  }
  if (!Number.isInteger(offset) || offset < 0)
    return refuse(context, PM.invalidParam('page_token', 'valid')).response;
  const matching = context.catalogue
    .itemsOf(context.shopId)
    .filter((item) => sellerSku === null || item.skus.some((sku) => sku.sellerSku === sellerSku))
    .filter((item) => status === null || POSTMART_STATUS[item.status] === status);
  const page = matching.slice(offset, offset + pageSize);
  const next = offset + pageSize < matching.length ? String(offset + pageSize) : null;
  return postmartOk(context.requestId, { products: page.map(postmartProductView), next_page_token: next });
}

function deleteProduct(_request: SandboxRequest, context: PostmartContext, params: Params): SandboxResponse {
  const found = ownProduct(context, params.productId ?? '', true);
  if (!found.ok) return found.response;
  found.value.status = 'deleted';
  context.catalogue.touch(found.value);
  return postmartOk(context.requestId, { product_id: found.value.itemId, status: 'deleted' });
}

export function postmartRoutes(): Router<PostmartContext> {
  const router = new Router<PostmartContext>()
    .on('GET', '/v1/categories', (_r, context) =>
      postmartOk(context.requestId, { categories: POSTMART_CATEGORIES }),
    )
    .on('POST', '/v1/products', createProduct)
    .on('GET', '/v1/products', listProducts)
    .on('GET', '/v1/products/:productId', getProduct)
    .on('PATCH', '/v1/products/:productId', patchProduct)
    .on('DELETE', '/v1/products/:productId', deleteProduct);
  return registerPostmartStockRoutes(router);
}
