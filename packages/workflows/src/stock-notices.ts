import type { Location } from '@ocop-sync/domain';
import type { MovementApplied, MovementRejected, StockLevels } from '@ocop-sync/ledger';
import type { PublishEntry } from '@ocop-sync/runtime';

/** A location's level as a StockLevelChanged reports it. */
export interface LevelAtLocation {
  location: Location;
  quantityAtLocation: number;
}

/**
 * The events an applied movement announces: one StockLevelChanged per location it changed and a StockLow
 * when it took availability below the producer's threshold (the ledger flags only that one crossing).
 * `levels` stands in for `changes` when the movement moved no location (a reservation or its release):
 * the levels are unchanged, but availability moved and the marketplaces must hear of it.
 */
export function appliedNotices(
  result: MovementApplied,
  levels: readonly LevelAtLocation[] = [],
): PublishEntry[] {
  const { productId, producerId, movementId, stockVersion, occurredAt } = result;
  const reported = result.changes.length > 0 ? result.changes : levels;
  const changed = reported.map(
    ({ location, quantityAtLocation }): PublishEntry => ({
      detailType: 'StockLevelChanged',
      detail: { productId, producerId, movementId, stockVersion, location, quantityAtLocation, occurredAt },
    }),
  );
  if (!result.crossedLowThreshold) return changed;
  const low: PublishEntry = {
    detailType: 'StockLow',
    detail: {
      productId,
      producerId,
      movementId,
      available: result.available,
      threshold: result.lowStockThreshold,
      occurredAt,
    },
  };
  return [...changed, low];
}

/** The oversell notice for a movement the ledger refused and recorded. */
export function rejectedNotice(result: MovementRejected): PublishEntry {
  const { productId, producerId, movementId, reason, requested, available, occurredAt } = result;
  return {
    detailType: 'StockMovementRejected',
    detail: {
      productId,
      ...(producerId === undefined ? {} : { producerId }),
      movementId,
      reason,
      requested,
      available,
      occurredAt,
    },
  };
}

/** Every location of a product at its current level (for movements that changed no location). */
export function currentLevels(stock: StockLevels | undefined): LevelAtLocation[] {
  return (stock?.levels ?? []).map(({ location, quantity }) => ({ location, quantityAtLocation: quantity }));
}
