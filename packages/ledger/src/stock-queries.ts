import type { Channel, Location } from '@ocop-sync/domain';
import { availableToSell, defaultStockSettings, type StockSettings } from './availability.js';
import type { LedgerContext } from './context.js';
import { parseLocationKey, producerProfileKey, productPk, sortKeys, stockKey } from './keys.js';
import type { SettingsOf } from './movements.js';
import { movementRecord, producerRecord, stockRecord } from './records.js';
import { parseStored } from './store.js';
import type { StockLevels, StockMovement } from './types.js';

/** Producer stock settings for movements, cached for a warm Lambda (a producer with no profile gets the defaults). */
export function createSettingsCache(context: LedgerContext, ttlMs: number): SettingsOf {
  const cache = new Map<string, { value: StockSettings; until: number }>();
  return async (producerId) => {
    const now = context.now().getTime();
    const hit = cache.get(producerId);
    if (hit !== undefined && hit.until > now) return hit.value;
    const producer = await context.store.get(producerProfileKey(producerId), producerRecord);
    const value = producer ?? defaultStockSettings;
    cache.set(producerId, { value, until: now + ttlMs });
    return value;
  };
}

export async function getStock(context: LedgerContext, productId: string): Promise<StockLevels | undefined> {
  const stock = await context.store.get(stockKey(productId), stockRecord);
  if (stock === undefined) return undefined;
  const levels = Object.entries(stock.levels).flatMap(([key, quantity]) => {
    const location: Location | undefined = parseLocationKey(key);
    return location === undefined ? [] : [{ location, quantity }];
  });
  const { producerId, stockVersion, reserved } = stock;
  return { productId, producerId, stockVersion, reserved, levels };
}

/** Available to sell on `channel` now (see availability.ts for the rule); undefined for an unknown product. */
export async function availableOn(
  context: LedgerContext,
  settingsOf: SettingsOf,
  productId: string,
  channel: Channel,
): Promise<{ available: number; stockVersion: number } | undefined> {
  const stock = await context.store.get(stockKey(productId), stockRecord);
  if (stock === undefined) return undefined;
  const settings = await settingsOf(stock.producerId);
  return { available: availableToSell(stock, settings, channel), stockVersion: stock.stockVersion };
}

/** The product's movement log, applied ones in stock-version order, then rejected ones by time. */
export async function movementLog(context: LedgerContext, productId: string): Promise<StockMovement[]> {
  const items = await context.store.query(undefined, {
    keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
    names: {},
    values: { ':pk': productPk(productId), ':prefix': sortKeys.movementPrefix },
  });
  const order = (movement: StockMovement) =>
    movement.result.outcome === 'applied' ? movement.result.stockVersion : Number.MAX_SAFE_INTEGER;
  return items
    .map((item) => parseStored(item, movementRecord))
    .sort((a, b) => order(a) - order(b) || a.recordedAt.localeCompare(b.recordedAt));
}
