import type { Catalogue, StoredItem, StoredSku } from '../core/catalogue.js';
import type { Sequence } from '../core/sequence.js';
import type { TokenStore } from '../core/token-store.js';
import type { LazadaApp } from '../types.js';
import type { LazadaFailure } from './lazada-errors.js';
import { failure } from './lazada-rules.js';

export interface LazadaContext {
  readonly app: LazadaApp;
  readonly catalogue: Catalogue;
  readonly tokens: TokenStore;
  readonly itemIds: Sequence;
  readonly skuIds: Sequence;
  readonly now: () => number;
  readonly requestId: string;
  /** The seller of the access token; empty on token APIs. */
  readonly shopId: string;
  /** Query and form parameters merged. */
  readonly params: Readonly<Record<string, string>>;
}

export type Found<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: LazadaFailure };

export function lazadaItem(context: LazadaContext, itemId: string, field = 'ItemId'): Found<StoredItem> {
  const item = context.catalogue.item(itemId);
  if (!item || item.shopId !== context.shopId || item.status === 'deleted') {
    return { ok: false, failure: failure('4137', 'ITEM_NOT_FOUND', field, `${itemId} not found`) };
  }
  return { ok: true, value: item };
}

/** A SKU by ItemId + SkuId, or by SellerSku alone. */
export function lazadaSku(
  context: LazadaContext,
  reference: { itemid?: string | undefined; skuid?: string | undefined; sellersku?: string | undefined },
  field: string,
): Found<{ item: StoredItem; sku: StoredSku }> {
  const items = context.catalogue.itemsOf(context.shopId).filter((item) => item.status !== 'deleted');
  for (const item of items) {
    if (reference.itemid !== undefined && item.itemId !== reference.itemid) continue;
    const sku = item.skus.find(
      (candidate) =>
        !candidate.deleted &&
        (reference.skuid !== undefined
          ? candidate.skuId === reference.skuid
          : candidate.sellerSku === reference.sellersku),
    );
    if (sku) return { ok: true, value: { item, sku } };
  }
  return {
    ok: false,
    failure: failure('4136', 'SELLER_SKU_NOT_FOUND', field, 'does not match a SKU of the seller'),
  };
}
