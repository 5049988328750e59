import type { Channel, Location } from '@ocop-sync/domain';
import { availableToSell, defaultStockSettings, type StockSettings } from './availability.js';
import type { LedgerContext } from './context.js';
import { parseLocationKey, producerProfileKey, productPk, sortKeys, stockKey } from './keys.js';
import type { SettingsOf } from './movements.js';
import { movementRecord, producerRecord, type StockRecord, stockRecord } from './records.js';
import { parseStored } from './store.js';
import type { StockLevels, StockMovement } from './types.js';

/** Producer stock settings, cached for a warm Lambda (a setting change is seen within the TTL). */
export interface SettingsCache {
  /** The producer's settings: cached, or read now (a producer with no profile gets the defaults). */
  of: SettingsOf;
  /** The cached settings if still fresh: a caller about to read other items may then read the profile with them. */
  peek(producerId: string): StockSettings | undefined;
  /** Keeps the profile a caller read itself (undefined: the producer has none) as a read through `of` would. */
  keep(producerId: string, producer: StockSettings | undefined): void;
}

/** Producer stock settings for movements, cached for a warm Lambda (a producer with no profile gets the defaults). */
export function createSettingsCache(context: LedgerContext, ttlMs: number): SettingsCache {
  const cache = new Map<string, { value: StockSettings; until: number }>();
  const peek = (producerId: string) => {
    const hit = cache.get(producerId);
    return hit !== undefined && hit.until > context.now().getTime() ? hit.value : undefined;
  };
  const keep = (producerId: string, producer: StockSettings | undefined) => {
    const value = producer ?? defaultStockSettings;
    cache.set(producerId, { value, until: context.now().getTime() + ttlMs });
    return value;
  };
  return {
    of: async (producerId) =>
      peek(producerId) ??
      keep(producerId, await context.store.get(producerProfileKey(producerId), producerRecord)),
    peek,
    keep,
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
  return stock === undefined ? undefined : availableFrom(stock, settingsOf, channel);
}

/** What the stock item allows to sell on `channel`, with the stock version that figure comes from. */
export async function availableFrom(
  stock: StockRecord,
  settingsOf: SettingsOf,
  channel: Channel,
): Promise<{ available: number; stockVersion: number }> {
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
