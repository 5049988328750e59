import type { Location } from '@ocop-sync/domain';
import { locationKey } from './keys.js';

/** A movement reduced to its effect on one product's stock. */
export type MovementIntent =
  | { kind: 'received' | 'sold' | 'counted' | 'warehouse-set'; location: Location; quantity: number }
  | { kind: 'transferred'; from: Location; to: Location; quantity: number }
  /** `available` is what the ordering channel may sell now (see availability.ts). */
  | { kind: 'reserved'; quantity: number; available: number }
  | { kind: 'released'; quantity: number };

export interface LevelChange {
  location: Location;
  delta: number;
  quantityAtLocation: number;
}

export type StockDecision =
  | { kind: 'applied'; levels: Record<string, number>; reserved: number; changes: LevelChange[] }
  | {
      kind: 'rejected';
      reason: 'insufficient-stock' | 'unknown-location';
      requested: number;
      available: number;
    };

export interface StockLevelsState {
  levels: Readonly<Record<string, number>>;
  reserved: number;
}

/**
 * Stock arithmetic, pure. Sales and transfer origins may not take a location below 0; reservations may not
 * exceed what the channel can sell; receipts and counts create a location's level; a count sets it
 * absolutely and reports the difference as the change. A location the product was never at is "unknown"
 * for a sale or a transfer origin.
 */
export function decideMovement(state: StockLevelsState, intent: MovementIntent): StockDecision {
  const levels = { ...state.levels };
  switch (intent.kind) {
    case 'received':
      return applied(levels, state.reserved, [change(levels, intent.location, intent.quantity)]);
    case 'counted':
    case 'warehouse-set': {
      const delta = intent.quantity - (levels[locationKey(intent.location)] ?? 0);
      return applied(levels, state.reserved, [change(levels, intent.location, delta)]);
    }
    case 'sold':
      return take(levels, state.reserved, intent.location, intent.quantity, []);
    case 'transferred': {
      const decision = take(levels, state.reserved, intent.from, intent.quantity, []);
      if (decision.kind === 'rejected') return decision;
      return applied(decision.levels, state.reserved, [
        ...decision.changes,
        change(levels, intent.to, intent.quantity),
      ]);
    }
    case 'reserved':
      if (intent.quantity > intent.available)
        return rejected('insufficient-stock', intent.quantity, intent.available);
      return applied(levels, state.reserved + intent.quantity, []);
    case 'released':
      return applied(levels, Math.max(0, state.reserved - intent.quantity), []);
  }
}

function take(
  levels: Record<string, number>,
  reserved: number,
  location: Location,
  quantity: number,
  changes: LevelChange[],
): StockDecision {
  const current = levels[locationKey(location)];
  if (current === undefined) return rejected('unknown-location', quantity, 0);
  if (current < quantity) return rejected('insufficient-stock', quantity, current);
  return applied(levels, reserved, [...changes, change(levels, location, -quantity)]);
}

/** Applies a delta to `levels` in place and describes it. */
function change(levels: Record<string, number>, location: Location, delta: number): LevelChange {
  const key = locationKey(location);
  const quantityAtLocation = (levels[key] ?? 0) + delta;
  levels[key] = quantityAtLocation;
  return { location, delta, quantityAtLocation };
}

function applied(levels: Record<string, number>, reserved: number, changes: LevelChange[]): StockDecision {
  return { kind: 'applied', levels, reserved, changes };
}

function rejected(reason: 'insufficient-stock' | 'unknown-location', requested: number, available: number) {
  return { kind: 'rejected', reason, requested, available } as const;
}
