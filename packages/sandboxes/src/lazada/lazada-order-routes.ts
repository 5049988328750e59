import type { SandboxResponse } from '../core/http-types.js';
import type { OrderBook, SandboxOrder } from '../core/order-book.js';
import type { Router } from '../core/router.js';
import type { LazadaContext } from './lazada-context.js';
import { LAZADA_FAILURES as F, lazadaError, lazadaOk } from './lazada-errors.js';

/**
 * `GET /order/items/get` (LAZ-API order-api/getorderitems.json, "GetOrderItems"): `order_id` in, `data` = the
 * order's items (`Object[]`). None of the documented item fields is a quantity: each entry is one unit (its own
 * `order_item_id`), so a buyer taking three jars gets three entries with the same `sku` ("Product SKU", the
 * seller SKU; `shop_sku` is Lazada's "Product outer ID"). An order that is not the seller's answers code `16`,
 * "E016: Invalid Order ID" (the page's error codes).
 */
function getOrderItems(context: LazadaContext, orders: OrderBook): SandboxResponse {
  const orderId = context.params.order_id;
  if (orderId === undefined || orderId === '') return lazadaError(context.requestId, F.missing('order_id'));
  const order = orders.get(context.shopId, orderId);
  if (order === undefined) {
    return lazadaError(context.requestId, { code: '16', message: `E016: "${orderId}" Invalid Order ID` });
  }
  return lazadaOk(context.requestId, unitsOf(context, order));
}

function unitsOf(context: LazadaContext, order: SandboxOrder): Record<string, unknown>[] {
  const units: Record<string, unknown>[] = [];
  for (const line of order.lines) {
    const item = context.catalogue
      .itemsOf(order.shopId)
      .find((one) => one.skus.some((sku) => sku.sellerSku === line.sellerSku));
    const sku = item?.skus.find((one) => one.sellerSku === line.sellerSku);
    for (let unit = 0; unit < line.quantity; unit += 1) {
      units.push({
        // A number, as documented; derived from the order's creation instant so it is unique per unit.
        order_item_id: order.createdAt * 100 + units.length,
        order_id: order.orderId,
        name: item?.title ?? '',
        sku: line.sellerSku,
        shop_sku: `${item?.itemId ?? '0'}_VNAMZ-${sku?.skuId ?? '0'}`,
        sku_id: sku?.skuId ?? '',
        status: order.status,
        created_at: new Date(order.createdAt).toISOString(),
      });
    }
  }
  return units;
}

export function registerLazadaOrderRoutes(
  router: Router<LazadaContext>,
  orders: OrderBook,
): Router<LazadaContext> {
  return router.on(['GET', 'POST'], '/rest/order/items/get', (_request, context) =>
    getOrderItems(context, orders),
  );
}
