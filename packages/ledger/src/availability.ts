import type { Channel, Location } from '@ocop-sync/domain';
import { DEFAULT_FULFILMENT_RULE, DEFAULT_PRODUCER_SETTINGS } from './constants.js';
import { parseLocationKey } from './keys.js';
import type { ProducerRecord } from './records.js';
import type { FulfilmentRule } from './types.js';

/** What availability needs from the stock item. */
export interface StockState {
  levels: Readonly<Record<string, number>>;
  reserved: number;
}

export type StockSettings = Pick<ProducerRecord, 'stockLowThreshold' | 'safetyBuffer' | 'fulfilment'>;

/** Used for a product whose producer has linked no channels yet. */
export const defaultStockSettings: StockSettings = {
  ...DEFAULT_PRODUCER_SETTINGS,
  fulfilment: { default: DEFAULT_FULFILMENT_RULE, channels: {} },
};

export function serves(rule: FulfilmentRule, location: Location): boolean {
  if (location.type === 'warehouse') return rule.warehouses;
  return rule.showrooms === 'all' || rule.showrooms.includes(location.locationId);
}

export function ruleFor(settings: StockSettings, channel: Channel | undefined): FulfilmentRule {
  return (
    (channel === undefined ? undefined : settings.fulfilment.channels[channel]) ?? settings.fulfilment.default
  );
}

/**
 * Available to sell on a channel, the one place this rule lives:
 *   stock at the locations that serve the channel − open marketplace reservations − the producer's safety
 *   buffer, never below 0.
 * Reservations count against every channel: a reserved unit is promised, whichever marketplace sold it.
 * With no channel, the producer's default rule applies (the figure StockLow watches).
 *
 * @example
 * availableToSell({ levels: { 'warehouse#W1': 10, 'showroom#S1': 4 }, reserved: 2 }, settings, 'shopee') // 10 - 2 - buffer
 */
export function availableToSell(state: StockState, settings: StockSettings, channel?: Channel): number {
  const rule = ruleFor(settings, channel);
  let serving = 0;
  for (const [key, quantity] of Object.entries(state.levels)) {
    const location = parseLocationKey(key);
    if (location !== undefined && serves(rule, location)) serving += quantity;
  }
  return Math.max(0, serving - state.reserved - settings.safetyBuffer);
}

/** StockLow fires once per crossing: only for the change that takes availability from ≥ threshold to < it. */
export function crossesLowThreshold(before: number, after: number, threshold: number): boolean {
  return before >= threshold && after < threshold;
}
