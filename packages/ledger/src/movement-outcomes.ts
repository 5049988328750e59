import { availableToSell, crossesLowThreshold, type StockSettings } from './availability.js';
import type { MovementKind, StockRecord } from './records.js';
import type { StockDecision } from './stock-rules.js';
import type { MovementApplied, MovementRejected } from './types.js';

export interface MovementMeta {
  movementId: string;
  productId: string;
  occurredAt: string;
  kind: MovementKind;
}

/** Turns a stock decision into the typed result the caller gets (and the movement log keeps). */
export function toOutcome(
  stock: StockRecord,
  settings: StockSettings,
  decision: StockDecision,
  meta: MovementMeta,
): MovementApplied | MovementRejected {
  if (decision.kind === 'rejected') {
    const { reason, requested, available } = decision;
    return {
      outcome: 'rejected',
      ...meta,
      producerId: stock.producerId,
      reason,
      requested,
      available,
      retryable: false,
    };
  }
  const before = availableToSell(stock, settings);
  const after = availableToSell(decision, settings);
  return {
    outcome: 'applied',
    ...meta,
    producerId: stock.producerId,
    stockVersion: stock.stockVersion + 1,
    changes: decision.changes,
    reserved: decision.reserved,
    available: after,
    lowStockThreshold: settings.stockLowThreshold,
    crossedLowThreshold: crossesLowThreshold(before, after, settings.stockLowThreshold),
  };
}

/** The movement is not in the ledger because its product is not (yet): nothing is recorded, so a redelivery can apply it. */
export function unknownProduct(meta: MovementMeta, requested: number): MovementRejected {
  return {
    outcome: 'rejected',
    ...meta,
    reason: 'unknown-product',
    requested,
    available: 0,
    retryable: true,
  };
}
