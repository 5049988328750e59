import type { Channel } from '@ocop-sync/domain';

/**
 * Listings one marketplace read returns: Shopee get_item_base_info takes 50 item ids (SHP-DOC
 * v2.product.get_item_base_info), Lazada GetProducts 50 seller SKUs (LAZ-API product-api/getproducts), and
 * Postmart's proposal reads one product per call (its adapter's `getListings`).
 */
export const LISTINGS_PER_READ: Readonly<Record<Channel, number>> = { shopee: 50, lazada: 50, postmart: 1 };

/** Reads the adapter makes for `listings` refs of one shop. */
export const readsFor = (channel: Channel, listings: number) =>
  Math.ceil(listings / LISTINGS_PER_READ[channel]);

export interface Pacer {
  /** Waits until `reads` more marketplace reads fit in the budget, then books them. */
  take(reads: number): Promise<void>;
}

/**
 * Spreads reads evenly at `readsPerMinute`: the first batch goes at once, each next one waits until the
 * previous batch's share of the minute has passed. Evenly spaced reads never burst past a per-second limit.
 */
export function createPacer(
  readsPerMinute: number,
  now: () => number,
  sleep: (ms: number) => Promise<void>,
): Pacer {
  const intervalMs = 60_000 / readsPerMinute;
  let nextAt = now();
  return {
    async take(reads) {
      const wait = nextAt - now();
      if (wait > 0) await sleep(wait);
      nextAt = Math.max(now(), nextAt) + reads * intervalMs;
    },
  };
}
