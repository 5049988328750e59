import type { Catalogue } from '../core/catalogue.js';
import { hmacSha256Hex } from '../core/crypto.js';
import type { PushMessage } from '../core/driver.js';
import { type OrderBook, recordPushedOrder } from '../core/order-book.js';
import type { PushData, PushKind } from '../types.js';

/** Push codes of SHP-DOC v2.push.set_app_push_config: 3 order status update, 6 banned item. */
const ORDER_STATUS_CODE = 3;
const BANNED_ITEM_CODE = 6;

/** `Authorization` = lowercase hex HMAC-SHA256(partner_key, url + "|" + raw body) (SHP-GUIDE 18). */
export function shopeePushSignature(partnerKey: string, url: string, body: string): string {
  return hmacSha256Hex(partnerKey, `${url}|${body}`);
}

export function buildShopeePush(
  partnerKey: string,
  catalogue: Catalogue,
  now: number,
  request: { kind: PushKind; target: string; data: PushData },
  orders: OrderBook,
): PushMessage {
  const { kind, target, data } = request;
  const timestamp = Math.floor(now / 1000);
  const ordersn = data.orderId ?? `SB${timestamp}`;
  const status = kind === 'order.placed' ? 'UNPAID' : 'CANCELLED';
  if (kind !== 'item.banned') recordPushedOrder(orders, { kind, data, orderId: ordersn, status });
  const payload =
    kind === 'item.banned'
      ? {
          code: BANNED_ITEM_CODE,
          shop_id: Number(data.shopId),
          timestamp,
          data: banItem(catalogue, data, now),
        }
      : {
          code: ORDER_STATUS_CODE,
          shop_id: Number(data.shopId),
          timestamp,
          data: {
            ordersn,
            status,
            update_time: timestamp,
            items: [],
            completed_scenario: '',
          },
        };
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      authorization: shopeePushSignature(partnerKey, target, body),
    },
  };
}

function banItem(catalogue: Catalogue, data: PushData, now: number): Record<string, unknown> {
  const item = catalogue.findItem(data.shopId, {
    ...(data.externalItemId === undefined ? {} : { itemId: data.externalItemId }),
    ...(data.sellerSku === undefined ? {} : { sellerSku: data.sellerSku }),
  });
  item.status = 'banned';
  item.statusReason = data.reason ?? 'Prohibited listing';
  catalogue.touch(item);
  return {
    item_id: Number(item.itemId),
    item_name: item.title,
    ban_reason: item.statusReason,
    update_time: Math.floor(now / 1000),
  };
}
