import type { Channel } from '@ocop-sync/domain';
import type { PublishEntry } from '@ocop-sync/runtime';
import { z } from 'zod';

/**
 * What a verified push means for the catalogue: events to publish, an order whose lines must first be read
 * from the marketplace (Shopee's and Lazada's order pushes are thin), or why nothing (a push type we do not
 * act on, or a body we cannot read).
 */
export type PushMeaning =
  | { kind: 'events'; entries: PublishEntry[] }
  | { kind: 'fetch-order'; order: OrderToFetch }
  | { kind: 'ignored'; reason: string }
  | { kind: 'bad-body'; detail: string };

/** A placed order named by a thin push: the lines come from the marketplace's order-detail API. */
export interface OrderToFetch {
  channel: 'shopee' | 'lazada';
  shopId: string;
  orderId: string;
  placedAt: string;
}

const id = z.union([z.string().min(1), z.number().int()]).transform(String);
const seconds = z.number().transform((value) => new Date(value > 1e12 ? value : value * 1000).toISOString());

const shopeePush = z.looseObject({
  code: z.number().int(),
  shop_id: id,
  timestamp: z.number(),
  data: z.looseObject({}),
});
const shopeeOrder = z.looseObject({ ordersn: id, status: z.string(), update_time: seconds });
const shopeeBan = z.looseObject({ item_id: id, ban_reason: z.string().min(1), update_time: seconds });

const lazadaPush = z.looseObject({
  seller_id: id,
  message_type: z.number().int(),
  timestamp: z.number(),
  data: z.looseObject({}),
});
const lazadaOrder = z.looseObject({
  order_status: z.string(),
  trade_order_id: id,
  status_update_time: seconds,
});
const lazadaQc = z.looseObject({ item_id: id, status: z.string(), reason: z.string().optional() });

const postmartPush = z.looseObject({
  type: z.string(),
  timestamp: z.iso.datetime({ offset: true }),
  data: z.looseObject({}),
});
const postmartOrder = z.looseObject({
  order_id: id,
  seller_id: id,
  seller_sku: z.string().min(1).optional(),
  quantity: z.number().int().min(1).optional(),
});

/** Shopee push codes (v2.push.set_app_push_config): 3 order status, 6 banned item. */
const SHOPEE_ORDER_STATUS = 3;
const SHOPEE_BANNED_ITEM = 6;
/** Lazada message types (LPM): 0 trade order, 1 product QC (`LOCK` = banned). */
const LAZADA_TRADE_ORDER = 0;
const LAZADA_PRODUCT_QC = 1;

/**
 * The order statuses that reserve stock: the first status an order can be pushed with (push code 3 carries the
 * order's `status`, SHP-DOC v2.push.set_app_push_config / v2.order.get_order_detail `order_status`; Lazada's
 * trade-order push its `order_status`, research §2.7). Shopee: `UNPAID` (placed, awaiting payment) and
 * `READY_TO_SHIP` (paid, or cash on delivery, which skips UNPAID). Lazada: `unpaid` and `pending` (cash on
 * delivery starts there). An order pushed with both is reserved once: the ledger keys reservations by order id
 * and answers the second as a duplicate. Later statuses (shipped, delivered, IN_CANCEL …) change nothing here;
 * only a cancellation releases. Assumption (not documented by either): an order is never first pushed later
 * than these statuses; if it were, it would not be reserved.
 */
const SHOPEE_PLACED = ['UNPAID', 'READY_TO_SHIP'];
const LAZADA_PLACED = ['unpaid', 'pending'];

const NO_LINES = 'order push carries no seller SKU, so no reservation is published';

/** Maps a verified push body to catalogue events. Pure. */
export function meaningOf(channel: Channel, body: string): PushMeaning {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'bad-body', detail: 'the body is not JSON' };
  }
  const result = channel === 'shopee' ? shopee(json) : channel === 'lazada' ? lazada(json) : postmart(json);
  return result ?? { kind: 'bad-body', detail: `the body is not a ${channel} push we understand` };
}

function shopee(json: unknown): PushMeaning | undefined {
  const push = shopeePush.safeParse(json);
  if (!push.success) return undefined;
  const { code, shop_id: shopId, data } = push.data;
  if (code === SHOPEE_BANNED_ITEM) {
    const ban = shopeeBan.safeParse(data);
    if (!ban.success) return undefined;
    const { item_id, ban_reason, update_time } = ban.data;
    return banned('shopee', { shopId, externalItemId: item_id, reason: ban_reason, bannedAt: update_time });
  }
  if (code !== SHOPEE_ORDER_STATUS) return { kind: 'ignored', reason: `shopee push code ${code}` };
  const order = shopeeOrder.safeParse(data);
  if (!order.success) return undefined;
  const { ordersn, status, update_time } = order.data;
  if (status === 'CANCELLED')
    return cancelled('shopee', { shopId, orderId: ordersn, cancelledAt: update_time });
  if (!SHOPEE_PLACED.includes(status)) return { kind: 'ignored', reason: `shopee order status ${status}` };
  return {
    kind: 'fetch-order',
    order: { channel: 'shopee', shopId, orderId: ordersn, placedAt: update_time },
  };
}

function lazada(json: unknown): PushMeaning | undefined {
  const push = lazadaPush.safeParse(json);
  if (!push.success) return undefined;
  const { message_type: type, seller_id: shopId, data, timestamp } = push.data;
  if (type === LAZADA_PRODUCT_QC) {
    const qc = lazadaQc.safeParse(data);
    if (!qc.success) return undefined;
    if (qc.data.status !== 'LOCK') return { kind: 'ignored', reason: `lazada QC status ${qc.data.status}` };
    const bannedAt = new Date(timestamp > 1e12 ? timestamp : timestamp * 1000).toISOString();
    const reason = qc.data.reason ?? 'LOCK';
    return banned('lazada', { shopId, externalItemId: qc.data.item_id, reason, bannedAt });
  }
  if (type !== LAZADA_TRADE_ORDER) return { kind: 'ignored', reason: `lazada message type ${type}` };
  const order = lazadaOrder.safeParse(data);
  if (!order.success) return undefined;
  const { order_status: status, trade_order_id: orderId, status_update_time: at } = order.data;
  if (status === 'canceled') return cancelled('lazada', { shopId, orderId, cancelledAt: at });
  if (!LAZADA_PLACED.includes(status)) return { kind: 'ignored', reason: `lazada order status ${status}` };
  return { kind: 'fetch-order', order: { channel: 'lazada', shopId, orderId, placedAt: at } };
}

function postmart(json: unknown): PushMeaning | undefined {
  const push = postmartPush.safeParse(json);
  if (!push.success) return undefined;
  const { type, data, timestamp } = push.data;
  // The proposal's `product.banned` names no seller, which MarketplaceItemBanned needs: not mapped yet.
  if (type === 'product.banned') return { kind: 'ignored', reason: 'postmart ban without seller id' };
  if (type !== 'order.created' && type !== 'order.cancelled') return { kind: 'ignored', reason: type };
  const order = postmartOrder.safeParse(data);
  if (!order.success) return undefined;
  const { order_id: orderId, seller_id: shopId, seller_sku: sellerSku, quantity } = order.data;
  if (type === 'order.cancelled') return cancelled('postmart', { shopId, orderId, cancelledAt: timestamp });
  if (sellerSku === undefined) return { kind: 'ignored', reason: NO_LINES };
  // Assumption: the proposal's thin payload names one seller SKU and may omit the quantity (then one unit).
  const lines = [{ sellerSku, quantity: quantity ?? 1 }];
  const detail = { channel: 'postmart' as const, shopId, orderId, placedAt: timestamp, lines };
  return {
    kind: 'events',
    entries: [{ detailType: 'MarketplaceOrderPlaced', detail, source: 'marketplace.postmart' }],
  };
}

function cancelled(
  channel: Channel,
  fields: { shopId: string; orderId: string; cancelledAt: string },
): PushMeaning {
  const detail = { channel, ...fields };
  return {
    kind: 'events',
    entries: [{ detailType: 'MarketplaceOrderCancelled', detail, source: `marketplace.${channel}` }],
  };
}

function banned(
  channel: Channel,
  fields: { shopId: string; externalItemId: string; reason: string; bannedAt: string },
): PushMeaning {
  const detail = { channel, ...fields };
  return {
    kind: 'events',
    entries: [{ detailType: 'MarketplaceItemBanned', detail, source: `marketplace.${channel}` }],
  };
}
