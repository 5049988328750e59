import type { ListingRef, MarketplaceListing } from '../types.js';
import { type LazadaProductView, productsAnswer, toListing } from './payload.js';

/** GetProducts `limit` is at most 50 (LAZ-API product-api/getproducts.json; research §2.4). */
export const PRODUCTS_PAGE_MAX = 50;

/** One signed GetProducts (`GET /products/get`) call; resolves to its `data`. */
export type ReadProducts = (query: Record<string, string>) => Promise<unknown>;

/**
 * Reads refs back with GetProducts filtered by `sku_seller_list`, 50 seller SKUs a call (paged by `offset`
 * should more products match). `filter=all` leaves deleted products out, so refs still missing are looked for
 * once more under `filter=deleted`. A ref is held when its item still holds its seller SKU.
 */
export async function readLazadaListings(
  readProducts: ReadProducts,
  shopId: string,
  refs: readonly ListingRef[],
): Promise<MarketplaceListing[]> {
  const unique = uniqueRefs(refs);
  const held = new Map<ListingRef, MarketplaceListing>();
  for (const filter of ['all', 'deleted'] as const) {
    const missing = unique.filter((ref) => !held.has(ref));
    for (let start = 0; start < missing.length; start += PRODUCTS_PAGE_MAX) {
      const page = missing.slice(start, start + PRODUCTS_PAGE_MAX);
      const views = await productsBySku(readProducts, filter, page);
      for (const ref of page) {
        const view = views.find((one) => one.item_id === ref.externalItemId);
        const listing = view && toListing(view, shopId, ref.sellerSku);
        if (listing !== undefined) held.set(ref, { ...listing, ref });
      }
    }
  }
  return unique.flatMap((ref) => held.get(ref) ?? []);
}

/** Every page of GetProducts for these refs' seller SKUs. */
async function productsBySku(
  readProducts: ReadProducts,
  filter: 'all' | 'deleted',
  refs: readonly ListingRef[],
): Promise<LazadaProductView[]> {
  const sku_seller_list = JSON.stringify([...new Set(refs.map((ref) => ref.sellerSku))]);
  const views: LazadaProductView[] = [];
  for (let offset = 0, more = true; more; ) {
    const query = { filter, limit: String(PRODUCTS_PAGE_MAX), offset: String(offset), sku_seller_list };
    const answer = productsAnswer.parse(await readProducts(query));
    views.push(...answer.products);
    offset += answer.products.length;
    more = answer.products.length > 0 && offset < (answer.total_products ?? 0);
  }
  return views;
}

/** One ref per (item, seller SKU): the first of any repeats. */
function uniqueRefs(refs: readonly ListingRef[]): ListingRef[] {
  const seen = new Map<string, ListingRef>();
  for (const ref of refs) {
    const key = `${ref.externalItemId}\u0000${ref.sellerSku}`;
    if (!seen.has(key)) seen.set(key, ref);
  }
  return [...seen.values()];
}
