import { type StoredItem, totalStock } from '../core/catalogue.js';
import type { SandboxResponse } from '../core/http-types.js';
import type { LazadaContext } from './lazada-context.js';
import { type LazadaFailure, lazadaError, lazadaOk } from './lazada-errors.js';
import { lazadaItemView } from './lazada-items.js';
import { failure } from './lazada-rules.js';

/** GetProducts `limit` is at most 50 (API page; the older FAQ says 500) and defaults to 20 (research §2.4). */
export const LAZADA_PRODUCTS_LIMIT = { max: 50, default: 20 } as const;

const live = (item: StoredItem): boolean => item.status !== 'deleted';
const skusOf = (item: StoredItem) => item.skus.filter((sku) => !sku.deleted);

/**
 * The `filter` values of GetProducts (LAZ-API product-api/getproducts.json). `all` leaves deleted products
 * out (assumption: they have their own filter); the sandbox has no QC queue, so `pending` and `rejected`
 * are always empty, and a suspended (banned) product appears only under `all`.
 */
const FILTERS: Readonly<Record<string, (item: StoredItem) => boolean>> = {
  all: live,
  live: (item) => item.status === 'live',
  inactive: (item) => item.status === 'unlisted',
  deleted: (item) => item.status === 'deleted',
  'image-missing': (item) => live(item) && item.images.length === 0,
  pending: () => false,
  rejected: () => false,
  'sold-out': (item) => live(item) && skusOf(item).every((sku) => totalStock(sku) === 0),
};

interface ProductsQuery {
  readonly keep: (item: StoredItem) => boolean;
  readonly offset: number;
  readonly limit: number;
}

type Parsed = { ok: true; value: ProductsQuery } | { ok: false; failure: LazadaFailure };

const invalid = (field: string, why: string): Parsed => ({
  ok: false,
  failure: failure('5', 'E005: Invalid Request Format', field, why),
});

function integer(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
}

/** `sku_seller_list` is JSON array text: `["A","B"]`. */
function sellerSkus(raw: string | undefined): string[] | undefined | 'invalid' {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed) || !parsed.every((sku) => typeof sku === 'string')) return 'invalid';
    return parsed;
  } catch {
    return 'invalid';
  }
}

/** `create_after|before`, `update_after|before`: ISO 8601 (`2018-02-10T00:00:00+0800`). */
function timeBounds(params: Readonly<Record<string, string>>) {
  const bounds: Array<{ name: string; test: (item: StoredItem, at: number) => boolean }> = [
    { name: 'create_after', test: (item, at) => item.createdAt > at },
    { name: 'create_before', test: (item, at) => item.createdAt < at },
    { name: 'update_after', test: (item, at) => item.updatedAt > at },
    { name: 'update_before', test: (item, at) => item.updatedAt < at },
  ];
  const tests: Array<(item: StoredItem) => boolean> = [];
  for (const bound of bounds) {
    const raw = params[bound.name];
    if (raw === undefined || raw === '') continue;
    const at = Date.parse(raw);
    if (Number.isNaN(at)) return { bad: bound.name } as const;
    tests.push((item) => bound.test(item, at));
  }
  return { tests } as const;
}

function parseProductsQuery(params: Readonly<Record<string, string>>): Parsed {
  const filterName = params.filter === undefined || params.filter === '' ? 'all' : params.filter;
  const byStatus = FILTERS[filterName.toLowerCase()];
  if (byStatus === undefined) return invalid('filter', `unknown filter ${filterName}`);
  const offset = integer(params.offset, 0);
  if (Number.isNaN(offset)) return invalid('offset', 'must be an integer >= 0');
  const limit = integer(params.limit, LAZADA_PRODUCTS_LIMIT.default);
  if (Number.isNaN(limit) || limit < 1 || limit > LAZADA_PRODUCTS_LIMIT.max)
    return invalid('limit', `must be an integer from 1 to ${LAZADA_PRODUCTS_LIMIT.max}`);
  const skus = sellerSkus(params.sku_seller_list);
  if (skus === 'invalid') return invalid('sku_seller_list', 'must be a JSON array of seller SKUs');
  const times = timeBounds(params);
  if (times.bad !== undefined) return invalid(times.bad, 'must be an ISO 8601 date-time');
  const search = params.search?.trim().toLowerCase() ?? '';
  const wanted = skus === undefined ? undefined : new Set(skus);
  const keep = (item: StoredItem): boolean =>
    byStatus(item) &&
    (wanted === undefined ||
      item.skus.some((sku) => (!sku.deleted || item.status === 'deleted') && wanted.has(sku.sellerSku))) &&
    (search === '' ||
      item.title.toLowerCase().includes(search) ||
      skusOf(item).some((sku) => sku.sellerSku.toLowerCase().includes(search))) &&
    times.tests.every((test) => test(item));
  return { ok: true, value: { keep, offset, limit } };
}

/**
 * `GET|POST /products/get` (GetProducts, LAZ-API product-api/getproducts.json): the seller's products that
 * match `filter`, `sku_seller_list`, `search` and the time bounds, paged by `offset`/`limit`, in item id
 * order (Lazada documents none). `data = {total_products, products[]}`, each product as GetProductItem's.
 */
export function getProducts(_request: unknown, context: LazadaContext): SandboxResponse {
  const parsed = parseProductsQuery(context.params);
  if (!parsed.ok) return lazadaError(context.requestId, parsed.failure);
  const { keep, offset, limit } = parsed.value;
  const all = context.catalogue
    .itemsOf(context.shopId)
    .filter(keep)
    .sort((a, b) => Number(a.itemId) - Number(b.itemId));
  return lazadaOk(context.requestId, {
    total_products: all.length,
    products: all.slice(offset, offset + limit).map(lazadaItemView),
  });
}
