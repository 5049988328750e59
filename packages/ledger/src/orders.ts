import { createHash } from 'node:crypto';
import type { Channel, EventDetail } from '@ocop-sync/domain';
import { MAX_ORDER_PRODUCTS } from './constants.js';
import type { LedgerContext } from './context.js';
import { LedgerValidationError } from './errors.js';
import { type ItemKey, stockKey } from './keys.js';
import type { Lookups } from './lookups.js';
import { type OrderRecord, type StockRecord, stockRecord } from './records.js';
import { parseItem, type StoredItem, type TransactItem } from './store.js';
import type { OrderLineOutcome, OrderResult } from './types.js';

/** One product's share of an order (lines with the same product are summed). */
export interface OrderLine {
  productId: string;
  quantity: number;
  sellerSkus: string[];
}

export interface OrderRef {
  channel: Channel;
  shopId: string;
  orderId: string;
}

type ResolvedLines = { ok: true; lines: OrderLine[] } | { ok: false; lines: OrderLineOutcome[] };

/** Seller SKU → product for each line; any unknown SKU leaves the whole order unresolved. */
export async function resolveLines(
  lookups: Lookups,
  producerId: string,
  order: EventDetail<'MarketplaceOrderPlaced'>,
): Promise<ResolvedLines> {
  const found = await Promise.all(
    order.lines.map((line) => lookups.productOfSku(producerId, line.sellerSku)),
  );
  const unknown = order.lines.filter((_, index) => found[index] === undefined);
  if (unknown.length > 0) {
    return {
      ok: false,
      lines: unknown.map((l) => ({ sellerSku: l.sellerSku, requested: l.quantity, available: 0 })),
    };
  }
  const byProduct = new Map<string, OrderLine>();
  order.lines.forEach((line, index) => {
    const productId = found[index] ?? line.sellerSku;
    const entry = byProduct.get(productId) ?? { productId, quantity: 0, sellerSkus: [] };
    byProduct.set(productId, {
      ...entry,
      quantity: entry.quantity + line.quantity,
      sellerSkus: [...entry.sellerSkus, line.sellerSku],
    });
  });
  if (byProduct.size > MAX_ORDER_PRODUCTS) {
    throw new LedgerValidationError([
      { path: 'detail.lines', message: `must name at most ${MAX_ORDER_PRODUCTS} products` },
    ]);
  }
  return { ok: true, lines: [...byProduct.values()] };
}

/** Reads the stock items of an order's products in one request; undefined when any product is missing. */
export async function readStocks(
  context: LedgerContext,
  productIds: readonly string[],
  extra: ItemKey,
): Promise<{ extra: StoredItem | undefined; stocks: StockRecord[] | undefined }> {
  const [first, ...items] = await context.store.transactGet([extra, ...productIds.map(stockKey)]);
  const stocks: StockRecord[] = [];
  for (const [index, productId] of productIds.entries()) {
    const item = items[index];
    if (item === undefined) return { extra: first, stocks: undefined };
    stocks.push(parseItem(stockKey(productId), item, stockRecord));
  }
  return { extra: first, stocks };
}

/** Movement ids derived from the order, so a redelivered order event maps to the same movements. */
export function orderMovementId(action: 'reserve' | 'release', order: OrderRef, productId: string): string {
  const digest = createHash('sha256')
    .update([order.channel, order.shopId, order.orderId, productId].join('\n'))
    .digest('hex')
    .slice(0, 32);
  return `${action}-${digest}`;
}

export function orderPut(key: ItemKey, record: OrderRecord, tableName: string): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: { ...key, entity: 'order', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** An order event for an order already handled: the same event again, or one overtaken by the other. */
export function seenBefore(order: OrderRecord, action: 'reserve' | 'release'): OrderResult {
  const overtaken =
    action === 'reserve' ? order.status === 'cancelled-before-placed' : order.status === 'rejected';
  return { outcome: overtaken ? 'stale' : 'duplicate', status: order.status };
}

export function notFound(reason: 'unknown-shop' | 'unknown-product', lines: OrderLineOutcome[]): OrderResult {
  return { outcome: 'rejected', reason, retryable: true, lines, movements: [] };
}
