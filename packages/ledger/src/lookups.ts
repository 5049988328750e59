import type { Channel } from '@ocop-sync/domain';
import type { LedgerContext } from './context.js';
import { byArea } from './keys.js';
import { ledgerTable } from './table-definition.js';

const { byArea: index } = ledgerTable.indexes;

/**
 * Exact lookups through gsi2: shop → producer, producer SKU → product, marketplace item → product. GSIs are
 * eventually consistent, so a miss right after a write is reported as retryable by the callers. Hits are
 * cached for a warm Lambda: these mappings almost never change, and the cache keeps a movement at 2 requests.
 */
export interface Lookups {
  producerOfShop(channel: Channel, shopId: string): Promise<string | undefined>;
  productOfSku(producerId: string, sku: string): Promise<string | undefined>;
  productOfItem(channel: Channel, externalItemId: string): Promise<string | undefined>;
}

export function createLookups(context: LedgerContext, ttlMs: number): Lookups {
  const cache = new Map<string, { value: string; until: number }>();
  const lookup = async (lookupKey: string, attribute: string): Promise<string | undefined> => {
    const now = context.now().getTime();
    const hit = cache.get(lookupKey);
    if (hit !== undefined && hit.until > now) return hit.value;
    const items = await context.store.query(index.name, {
      keyCondition: '#pk = :pk',
      names: { '#pk': index.partitionKey },
      values: { ':pk': lookupKey },
    });
    const value = items[0]?.[attribute];
    if (typeof value !== 'string') return undefined;
    cache.set(lookupKey, { value, until: now + ttlMs });
    return value;
  };
  return {
    producerOfShop: (channel, shopId) => lookup(byArea.shopPk(channel, shopId), 'producerId'),
    productOfSku: (producerId, sku) => lookup(byArea.skuPk(producerId, sku), 'productId'),
    productOfItem: (channel, externalItemId) => lookup(byArea.itemPk(channel, externalItemId), 'productId'),
  };
}
