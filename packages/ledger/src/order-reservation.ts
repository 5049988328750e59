import type { EventDetail } from '@ocop-sync/domain';
import { availableToSell, type StockSettings } from './availability.js';
import type { LedgerContext } from './context.js';
import { type ItemKey, orderKey } from './keys.js';
import type { Lookups } from './lookups.js';
import { toOutcome } from './movement-outcomes.js';
import { movementItem, type SettingsOf, stockUpdate } from './movements.js';
import {
  notFound,
  type OrderLine,
  orderMovementId,
  orderPut,
  readStocks,
  resolveLines,
  seenBefore,
} from './orders.js';
import { type OrderRecord, orderRecord, type StockRecord } from './records.js';
import { conflict, retryOnConflict } from './retry.js';
import { decideMovement } from './stock-rules.js';
import { parseItem, type TransactItem } from './store.js';
import type { MovementApplied, MovementRejected, OrderResult } from './types.js';

type Placed = EventDetail<'MarketplaceOrderPlaced'>;
interface Planned {
  line: OrderLine;
  stock: StockRecord;
  result: MovementApplied | MovementRejected;
}

/**
 * Reserves an order's lines, all or nothing: one transaction writes the order, a movement per product and
 * each product's new reservation total, conditioned on the stock versions read. A line the channel cannot
 * cover rejects the whole order, which is recorded with each short line's figures for the oversell notice.
 */
export async function reserveOrder(
  context: LedgerContext,
  lookups: Lookups,
  settingsOf: SettingsOf,
  order: Placed,
): Promise<OrderResult> {
  const producerId = await lookups.producerOfShop(order.channel, order.shopId);
  if (producerId === undefined) return notFound('unknown-shop', []);
  const resolved = await resolveLines(lookups, producerId, order);
  if (!resolved.ok) return notFound('unknown-product', resolved.lines);
  const key = orderKey(producerId, order.channel, order.shopId, order.orderId);
  const productIds = resolved.lines.map((line) => line.productId);
  return retryOnConflict('reserveOrder', context, async () => {
    const read = await readStocks(context, productIds, key);
    if (read.extra !== undefined) return seenBefore(parseItem(key, read.extra, orderRecord), 'reserve');
    if (read.stocks === undefined) return notFound('unknown-product', []);
    const planned = plan(order, resolved.lines, read.stocks, await settingsOf(producerId));
    const now = context.now().toISOString();
    const record: OrderRecord = {
      producerId,
      ...orderRef(order),
      status: planned.some((p) => p.result.outcome === 'rejected') ? 'rejected' : 'reserved',
      lines: planned.map(({ line, result }) => ({
        productId: line.productId,
        quantity: line.quantity,
        movementId: result.movementId,
      })),
      updatedAt: now,
    };
    const written = await context.store.transactWrite(
      writesFor(context.store.tableName, key, record, planned, now),
    );
    return written.ok ? resultOf(planned) : conflict;
  });
}

function plan(order: Placed, lines: OrderLine[], stocks: StockRecord[], settings: StockSettings): Planned[] {
  return lines.flatMap((line, index) => {
    const stock = stocks[index];
    if (stock === undefined) return [];
    const available = availableToSell(stock, settings, order.channel);
    const decision = decideMovement(stock, { kind: 'reserved', quantity: line.quantity, available });
    const meta = {
      movementId: orderMovementId('reserve', order, line.productId),
      productId: line.productId,
      occurredAt: order.placedAt,
      kind: 'reserved' as const,
    };
    return [{ line, stock, result: toOutcome(stock, settings, decision, meta) }];
  });
}

// A rejected order records only its short lines' movements; an accepted one moves every product's stock.
function writesFor(tableName: string, key: ItemKey, record: OrderRecord, planned: Planned[], now: string) {
  const writes: TransactItem[] = [orderPut(key, record, tableName)];
  for (const { stock, result } of planned) {
    if (record.status === 'rejected' && result.outcome === 'applied') continue;
    writes.push({ Put: { TableName: tableName, Item: movementItem(result, now) } });
    if (result.outcome === 'applied') writes.push(stockUpdate(tableName, stock, result));
  }
  return writes;
}

function resultOf(planned: Planned[]): OrderResult {
  const rejected = planned.flatMap(({ line, result }) =>
    result.outcome === 'rejected' ? [{ line, result }] : [],
  );
  if (rejected.length === 0) {
    const movements = planned.flatMap(({ result }) => (result.outcome === 'applied' ? [result] : []));
    return { outcome: 'applied', status: 'reserved', movements };
  }
  return {
    outcome: 'rejected',
    reason: 'insufficient-stock',
    retryable: false,
    lines: rejected.map(({ line, result }) => ({
      sellerSku: line.sellerSkus.join(','),
      productId: line.productId,
      requested: result.requested,
      available: result.available,
    })),
    movements: rejected.map(({ result }) => result),
  };
}

const orderRef = (order: Placed) => ({
  channel: order.channel,
  shopId: order.shopId,
  orderId: order.orderId,
});
