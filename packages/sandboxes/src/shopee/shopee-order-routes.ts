import type { SandboxRequest, SandboxResponse } from '../core/http-types.js';
import type { OrderBook, SandboxOrder } from '../core/order-book.js';
import type { Router } from '../core/router.js';
import type { ShopeeContext } from './shopee-context.js';
import { shopeeError, shopeeOk } from './shopee-errors.js';

/** `order_sn_list`: 1 to 50 order numbers joined by commas (SHP-DOC v2.order.get_order_detail). */
const ORDER_SN_MAX = 50;

/**
 * `GET /api/v2/order/get_order_detail` (SHP-DOC v2.order.get_order_detail): `order_list[{order_sn,
 * order_status, create_time, update_time}]`, plus `item_list[{item_id, item_sku, model_id, model_sku,
 * model_quantity_purchased}]` only when `response_optional_fields` names `item_list` (it is not returned by
 * default). Unknown order numbers: the doc names no error code, so the sandbox answers `error_not_found`
 * (assumption) when none of the requested orders belongs to the shop, and leaves unknown ones out otherwise.
 */
function getOrderDetail(request: SandboxRequest, context: ShopeeContext, orders: OrderBook): SandboxResponse {
  const raw = request.query.get('order_sn_list') ?? '';
  const numbers = raw
    .split(',')
    .map((one) => one.trim())
    .filter((one) => one !== '');
  if (numbers.length === 0 || numbers.length > ORDER_SN_MAX) {
    const message = `invalid field order_sn_list: 1 to ${ORDER_SN_MAX} order_sn are required.`;
    return shopeeError(context.requestId, 'error_param', message);
  }
  const optional = new Set(
    (request.query.get('response_optional_fields') ?? '').split(',').map((f) => f.trim()),
  );
  const found = numbers.flatMap((sn) => {
    const order = orders.get(context.shopId, sn);
    return order === undefined ? [] : [order];
  });
  if (found.length === 0) {
    return shopeeError(
      context.requestId,
      'error_not_found',
      `Order not found: order_sn ${numbers.join(',')}.`,
    );
  }
  const withItems = optional.has('item_list');
  return shopeeOk(context.requestId, {
    order_list: found.map((order) => orderView(context, order, withItems)),
  });
}

function orderView(context: ShopeeContext, order: SandboxOrder, withItems: boolean): Record<string, unknown> {
  const view = {
    order_sn: order.orderId,
    order_status: order.status,
    create_time: Math.floor(order.createdAt / 1000),
    update_time: Math.floor(order.updatedAt / 1000),
  };
  if (!withItems) return view;
  const item_list = order.lines.map((line) => {
    const item = context.catalogue
      .itemsOf(order.shopId)
      .find((one) => one.skus.some((sku) => sku.sellerSku === line.sellerSku));
    // A single-model listing: model_id 0 and an empty model_sku; the seller SKU is the item's item_sku.
    return {
      item_id: Number(item?.itemId ?? 0),
      item_name: item?.title ?? '',
      item_sku: line.sellerSku,
      model_id: 0,
      model_sku: '',
      model_quantity_purchased: line.quantity,
    };
  });
  return { ...view, item_list };
}

export function registerShopeeOrderRoutes(
  router: Router<ShopeeContext>,
  orders: OrderBook,
): Router<ShopeeContext> {
  return router.on('GET', '/api/v2/order/get_order_detail', (request, context) =>
    getOrderDetail(request, context, orders),
  );
}
