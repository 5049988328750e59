import type { Catalogue } from '../core/catalogue.js';
import { hmacSha256Hex } from '../core/crypto.js';
import type { PushMessage } from '../core/driver.js';
import { type OrderBook, recordPushedOrder } from '../core/order-book.js';
import type { LazadaApp, PushData, PushKind } from '../types.js';

/** Message types of LAZ-GUIDE lazada-push-mechanism: 0 trade order status, 1 product QC status. */
const TRADE_ORDER = 0;
const PRODUCT_QC = 1;

/** `Authorization` = lowercase hex HMAC-SHA256(app_secret, app_key + raw body) (LAZ-GUIDE lazada-push-mechanism). */
export function lazadaPushSignature(app: LazadaApp, body: string): string {
  return hmacSha256Hex(app.appSecret, `${app.appKey}${body}`);
}

function banItem(catalogue: Catalogue, data: PushData): Record<string, unknown> {
  const item = catalogue.findItem(data.shopId, {
    ...(data.externalItemId === undefined ? {} : { itemId: data.externalItemId }),
    ...(data.sellerSku === undefined ? {} : { sellerSku: data.sellerSku }),
  });
  item.status = 'banned';
  item.statusReason = data.reason ?? 'Prohibited product';
  catalogue.touch(item);
  return { item_id: Number(item.itemId), status: 'LOCK', reason: item.statusReason };
}

export function buildLazadaPush(
  app: LazadaApp,
  catalogue: Catalogue,
  now: number,
  kind: PushKind,
  data: PushData,
  orders: OrderBook,
): PushMessage {
  const orderId = data.orderId ?? String(260_000_000_000_000 + (now % 1_000_000_000));
  const status = kind === 'order.placed' ? 'unpaid' : 'canceled';
  if (kind !== 'item.banned') recordPushedOrder(orders, { kind, data, orderId, status });
  const payload =
    kind === 'item.banned'
      ? {
          seller_id: data.shopId,
          message_type: PRODUCT_QC,
          data: banItem(catalogue, data),
          timestamp: Math.floor(now / 1000),
          site: 'lazada_vn',
        }
      : {
          seller_id: data.shopId,
          message_type: TRADE_ORDER,
          data: {
            order_status: status,
            trade_order_id: orderId,
            trade_order_line_id: `${orderId}1`,
            status_update_time: Math.floor(now / 1000),
          },
          timestamp: now,
          site: 'lazada_vn',
        };
  const body = JSON.stringify(payload);
  return {
    body,
    headers: { 'content-type': 'application/json', authorization: lazadaPushSignature(app, body) },
  };
}
