import type { EventDetail } from '@ocop-sync/domain';
import type { StockSettings } from './availability.js';
import type { LedgerContext } from './context.js';
import { type ItemKey, orderKey } from './keys.js';
import type { Lookups } from './lookups.js';
import { toOutcome } from './movement-outcomes.js';
import { movementItem, type SettingsOf, stockUpdate } from './movements.js';
import { notFound, orderMovementId, orderPut, readStocks, seenBefore } from './orders.js';
import { type OrderRecord, orderRecord, type StockRecord } from './records.js';
import { conflict, retryOnConflict } from './retry.js';
import { decideMovement } from './stock-rules.js';
import type { TransactItem } from './store.js';
import type { MovementApplied, OrderResult } from './types.js';

type Cancelled = EventDetail<'MarketplaceOrderCancelled'>;

/**
 * Releases a cancelled order's reservations in one transaction. A cancellation that overtakes its order
 * leaves a "cancelled-before-placed" record, so the late order event reserves nothing (it is "stale").
 */
export async function releaseOrder(
  context: LedgerContext,
  lookups: Lookups,
  settingsOf: SettingsOf,
  cancelled: Cancelled,
): Promise<OrderResult> {
  const producerId = await lookups.producerOfShop(cancelled.channel, cancelled.shopId);
  if (producerId === undefined) return notFound('unknown-shop', []);
  const key = orderKey(producerId, cancelled.channel, cancelled.shopId, cancelled.orderId);
  return retryOnConflict('releaseOrder', context, async () => {
    const order = await context.store.get(key, orderRecord);
    const now = context.now().toISOString();
    if (order === undefined) return recordCancelledFirst(context, key, producerId, cancelled, now);
    if (order.status !== 'reserved') return seenBefore(order, 'release');
    const read = await readStocks(
      context,
      order.lines.map((line) => line.productId),
      key,
    );
    if (read.stocks === undefined) return notFound('unknown-product', []);
    const { writes, movements } = planRelease(
      context.store.tableName,
      order,
      read.stocks,
      await settingsOf(producerId),
      cancelled,
      now,
    );
    writes.unshift(releaseUpdate(context.store.tableName, key, now));
    const written = await context.store.transactWrite(writes);
    return written.ok ? { outcome: 'applied', status: 'released', movements } : conflict;
  });
}

function planRelease(
  tableName: string,
  order: OrderRecord,
  stocks: StockRecord[],
  settings: StockSettings,
  cancelled: Cancelled,
  now: string,
): { writes: TransactItem[]; movements: MovementApplied[] } {
  const movements: MovementApplied[] = [];
  const writes: TransactItem[] = [];
  for (const [index, stock] of stocks.entries()) {
    const line = order.lines[index];
    if (line === undefined) continue;
    const decision = decideMovement(stock, { kind: 'released', quantity: line.quantity });
    const movementId = orderMovementId('release', cancelled, line.productId);
    const meta = {
      movementId,
      productId: line.productId,
      occurredAt: cancelled.cancelledAt,
      kind: 'released' as const,
    };
    const result = toOutcome(stock, settings, decision, meta);
    if (result.outcome !== 'applied') continue;
    movements.push(result);
    writes.push(
      { Put: { TableName: tableName, Item: movementItem(result, now) } },
      stockUpdate(tableName, stock, result),
    );
  }
  return { writes, movements };
}

async function recordCancelledFirst(
  context: LedgerContext,
  key: ItemKey,
  producerId: string,
  cancelled: Cancelled,
  now: string,
): Promise<OrderResult | typeof conflict> {
  const { channel, shopId, orderId } = cancelled;
  const record: OrderRecord = {
    producerId,
    channel,
    shopId,
    orderId,
    status: 'cancelled-before-placed',
    lines: [],
    updatedAt: now,
  };
  const written = await context.store.transactWrite([orderPut(key, record, context.store.tableName)]);
  return written.ok ? { outcome: 'applied', status: 'cancelled-before-placed', movements: [] } : conflict;
}

function releaseUpdate(tableName: string, key: ItemKey, now: string): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: 'SET #status = :released, updatedAt = :now',
      ConditionExpression: '#status = :reserved',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':released': 'released', ':reserved': 'reserved', ':now': now },
    },
  };
}
