import type { Channel } from '@ocop-sync/domain';
import type { Listing } from '@ocop-sync/ledger';
import type { ReceivedEvent } from '@ocop-sync/runtime';

/**
 * The batch's events that call for a stock push on `channel`, grouped by product with the message ids
 * that asked for it: any StockLevelChanged (availability is per product, whatever the location), and a
 * ListingSynced of this channel (stock may have moved while the listing was being created). Many changes
 * of one product in a batch become one entry, hence one marketplace call.
 */
export function groupByProduct(events: readonly ReceivedEvent[], channel: Channel): Map<string, string[]> {
  const byProduct = new Map<string, string[]>();
  for (const { messageId, event } of events) {
    const productId = productToSync(event, channel);
    if (productId === undefined) continue;
    byProduct.set(productId, [...(byProduct.get(productId) ?? []), messageId]);
  }
  return byProduct;
}

/**
 * The producer of each product whose stock moved in the batch. A StockLevelChanged almost always ends in a
 * push, so stock-sync reads what the push needs (product, shop) alongside the listing instead of after it.
 */
export function producersOfMovedStock(events: readonly ReceivedEvent[]): Map<string, string> {
  const producers = new Map<string, string>();
  for (const { event } of events) {
    if (event['detail-type'] === 'StockLevelChanged')
      producers.set(event.detail.productId, event.detail.producerId);
  }
  return producers;
}

/**
 * The producer each product of the batch belongs to, as its events name it (StockLevelChanged, or this
 * channel's ListingSynced): the ledger then reads the producer's stock settings with the stock, not after it.
 */
export function producersNamed(events: readonly ReceivedEvent[], channel: Channel): Map<string, string> {
  const producers = new Map<string, string>();
  for (const { event } of events) {
    if (productToSync(event, channel) === undefined) continue;
    if (event['detail-type'] === 'StockLevelChanged' || event['detail-type'] === 'ListingSynced')
      producers.set(event.detail.productId, event.detail.producerId);
  }
  return producers;
}

function productToSync(event: ReceivedEvent['event'], channel: Channel): string | undefined {
  if (event['detail-type'] === 'StockLevelChanged') return event.detail.productId;
  if (event['detail-type'] === 'ListingSynced' && event.detail.channel === channel)
    return event.detail.productId;
  return undefined;
}

export type PushDecision =
  | { push: true; synced: NonNullable<Listing['synced']> }
  | { push: false; reason: 'no-live-listing' | 'already-pushed' | 'unchanged' };

/**
 * Whether the marketplace needs the ledger's current number: only for a live (not banned) listing whose
 * last pushed stock version is older than the one the number was computed at. Versions, never quantities,
 * tell "already done", so an older read can never overwrite a newer push's record of itself. A newer version
 * whose number is the one the channel was last told (a movement at a location this channel does not sell
 * from) is not pushed: it would spend the shop's rate limit to say nothing new.
 */
export function decidePush(
  listing: Listing | undefined,
  { stockVersion, available }: { stockVersion: number; available: number },
): PushDecision {
  const synced = listing?.synced;
  if (
    listing === undefined ||
    synced === undefined ||
    synced.status !== 'live' ||
    listing.status === 'banned'
  ) {
    return { push: false, reason: 'no-live-listing' };
  }
  if ((synced.stockVersion ?? -1) >= stockVersion) return { push: false, reason: 'already-pushed' };
  if (synced.quantity === available) return { push: false, reason: 'unchanged' };
  return { push: true, synced };
}
