import type { Location } from '@ocop-sync/domain';
import type { StockSettings } from './availability.js';
import type { LedgerContext } from './context.js';
import { locationKey, movementKey, stockKey } from './keys.js';
import { type MovementMeta, toOutcome, unknownProduct } from './movement-outcomes.js';
import { movementRecord, type StockRecord, stockRecord } from './records.js';
import { type Conflict, conflict, retryOnConflict } from './retry.js';
import { decideMovement, type MovementIntent } from './stock-rules.js';
import type { StoredItem, TransactItem } from './store.js';
import type { MovementApplied, MovementEvent, MovementRejected, MovementResult } from './types.js';

export type SettingsOf = (producerId: string) => Promise<StockSettings>;

/**
 * Applies one movement: read the product's stock item, decide, then write the movement and the new levels
 * in one transaction conditioned on the stock version read, so no concurrent writer's change is lost.
 * Two requests when nothing conflicts; a rejection records the movement alone.
 */
export async function applyMovement(
  context: LedgerContext,
  settingsOf: SettingsOf,
  event: MovementEvent,
): Promise<MovementResult> {
  const { meta, intent } = describe(event);
  return retryOnConflict(meta.kind, context, async () => {
    const stock = await context.store.get(stockKey(meta.productId), stockRecord);
    if (stock === undefined) return unknownProduct(meta, intent.quantity);
    const settings = await settingsOf(stock.producerId);
    const outcome = toOutcome(stock, settings, decideMovement(stock, intent), meta);
    const recordedAt = context.now().toISOString();
    const { tableName } = context.store;
    if (outcome.outcome === 'rejected') {
      const first = await context.store.putIfAbsent(movementItem(outcome, recordedAt));
      return first ? outcome : duplicateOf(context, meta);
    }
    const written = await context.store.transactWrite([
      {
        Put: {
          TableName: tableName,
          Item: movementItem(outcome, recordedAt),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      stockUpdate(tableName, stock, outcome),
    ]);
    if (written.ok) return outcome;
    return written.codes[0] === 'ConditionalCheckFailed' ? duplicateOf(context, meta) : conflict;
  });
}

/** The first application's result; the log is append-only, so a missing record means "read again". */
export async function duplicateOf(
  context: LedgerContext,
  meta: MovementMeta,
): Promise<MovementResult | Conflict> {
  const stored = await context.store.get(movementKey(meta.productId, meta.movementId), movementRecord);
  if (stored === undefined) return conflict;
  return {
    outcome: 'duplicate',
    movementId: meta.movementId,
    productId: meta.productId,
    original: stored.result,
  };
}

export function movementItem(result: MovementApplied | MovementRejected, recordedAt: string): StoredItem {
  return {
    ...movementKey(result.productId, result.movementId),
    entity: 'movement',
    movementId: result.movementId,
    productId: result.productId,
    kind: result.kind,
    recordedAt,
    result,
  };
}

/** New levels, reservations and version, only if nobody wrote the stock item since it was read. */
export function stockUpdate(tableName: string, stock: StockRecord, result: MovementApplied): TransactItem {
  const levels: Record<string, number> = { ...stock.levels };
  for (const change of result.changes) levels[locationKey(change.location)] = change.quantityAtLocation;
  return {
    Update: {
      TableName: tableName,
      Key: stockKey(stock.productId),
      UpdateExpression: 'SET levels = :levels, reserved = :reserved, stockVersion = :next',
      ConditionExpression: 'stockVersion = :read',
      ExpressionAttributeValues: {
        ':levels': levels,
        ':reserved': result.reserved,
        ':next': result.stockVersion,
        ':read': stock.stockVersion,
      },
    },
  };
}

function describe(event: MovementEvent): { meta: MovementMeta; intent: MovementIntent } {
  const { movementId, productId, occurredAt } = event.detail;
  const base = { movementId, productId, occurredAt };
  switch (event.detailType) {
    case 'StockReceived':
      return at(base, 'received', event.detail.location, event.detail.quantity);
    case 'StockSold':
      return at(base, 'sold', event.detail.location, event.detail.quantity);
    case 'StockCounted':
      return at(base, 'counted', event.detail.location, event.detail.countedQuantity);
    case 'WarehouseStockSet': {
      const warehouse: Location = { type: 'warehouse', locationId: event.detail.warehouseId };
      return at(base, 'warehouse-set', warehouse, event.detail.quantity);
    }
    case 'StockTransferred': {
      const { from, to, quantity } = event.detail;
      return { meta: { ...base, kind: 'transferred' }, intent: { kind: 'transferred', from, to, quantity } };
    }
  }
}

function at(
  base: Omit<MovementMeta, 'kind'>,
  kind: 'received' | 'sold' | 'counted' | 'warehouse-set',
  location: Location,
  quantity: number,
) {
  return { meta: { ...base, kind }, intent: { kind, location, quantity } };
}
