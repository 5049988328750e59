import type { ListingRef, MarketplaceListing } from '../types.js';
import { toListing } from './payload.js';
import { baseInfoAnswer } from './schemas.js';

/** `item_id_list` holds at most 50 ids (SHP-DOC v2.product.get_item_base_info). */
export const BASE_INFO_MAX_IDS = 50;

/** One signed `get_item_base_info` call for these item ids; resolves to its `response`. */
export type ReadBaseInfo = (itemIds: readonly string[]) => Promise<unknown>;

/**
 * Reads refs back 50 item ids a call. Deleted (`SELLER_DELETE`/`SHOPEE_DELETE`) and banned items are still
 * answered with that status; ids the shop does not hold are left out (Shopee names them in `warning`).
 */
export async function readShopeeListings(
  readBaseInfo: ReadBaseInfo,
  shopId: string,
  refs: readonly ListingRef[],
): Promise<MarketplaceListing[]> {
  const byItemId = new Map<string, ListingRef>();
  for (const ref of refs) {
    // Shopee item ids are numbers; anything else names no item (and would spoil the whole call).
    if (/^\d+$/.test(ref.externalItemId) && !byItemId.has(ref.externalItemId))
      byItemId.set(ref.externalItemId, ref);
  }
  const ids = [...byItemId.keys()];
  const held = new Map<string, MarketplaceListing>();
  for (let start = 0; start < ids.length; start += BASE_INFO_MAX_IDS) {
    const answer = baseInfoAnswer.parse(await readBaseInfo(ids.slice(start, start + BASE_INFO_MAX_IDS)));
    for (const item of answer.item_list) {
      const ref = byItemId.get(item.item_id);
      if (ref !== undefined) held.set(item.item_id, { ...toListing(item, shopId), ref });
    }
  }
  return ids.flatMap((id) => held.get(id) ?? []);
}
