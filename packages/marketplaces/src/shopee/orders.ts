import { z } from 'zod';
import { PermanentError } from '../http/errors.js';
import type { HttpMethod } from '../http/http-client.js';
import { sumBySellerSku } from '../order-lines.js';
import type { MarketplaceOrder } from '../types.js';
import { bareCode } from './errors.js';

type ShopGet = (
  method: HttpMethod,
  path: string,
  payload: { query: Record<string, string> },
) => Promise<unknown>;

/**
 * The parts of `v2.order.get_order_detail` read here (SHP-DOC v2.order.get_order_detail): `order_list[]`
 * with `order_sn`, `order_status` and, when asked for, `item_list[]` whose `item_sku` is the item's seller SKU,
 * `model_sku` the model's (empty for a single-model listing, as ours are) and `model_quantity_purchased`
 * "the number of identical items purchased at the same time by the same buyer from one listing/item".
 */
const orderDetailAnswer = z.object({
  order_list: z
    .array(
      z.object({
        order_sn: z.union([z.string(), z.number()]).transform(String),
        order_status: z.string(),
        item_list: z
          .array(
            z.object({
              item_sku: z.string().optional().default(''),
              model_sku: z.string().optional().default(''),
              model_quantity_purchased: z.number().int().min(1),
            }),
          )
          .optional()
          .default([]),
      }),
    )
    .optional()
    .default([]),
});

/**
 * Reads one order with its items. `item_list` is not returned by default: it must be named in
 * `response_optional_fields`. The seller SKU is the model's when it has one, else the item's. Undefined when
 * Shopee does not return the order (or answers `error_not_found`).
 */
export async function readShopeeOrder(call: ShopGet, orderId: string): Promise<MarketplaceOrder | undefined> {
  const query = { order_sn_list: orderId, response_optional_fields: 'item_list' };
  let raw: unknown;
  try {
    raw = await call('GET', '/api/v2/order/get_order_detail', { query });
  } catch (error) {
    if (error instanceof PermanentError && bareCode(error.code) === 'error_not_found') return undefined;
    throw error;
  }
  const order = orderDetailAnswer.parse(raw).order_list.find((one) => one.order_sn === orderId);
  if (order === undefined) return undefined;
  const lines = order.item_list.map((item) => ({
    sellerSku: item.model_sku !== '' ? item.model_sku : item.item_sku,
    quantity: item.model_quantity_purchased,
  }));
  return { orderId, marketplaceStatus: order.order_status, lines: sumBySellerSku(lines) };
}
