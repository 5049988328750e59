import { z } from 'zod';
import { PermanentError } from '../http/errors.js';
import type { HttpMethod } from '../http/http-client.js';
import { sumBySellerSku } from '../order-lines.js';
import type { MarketplaceOrder } from '../types.js';

type SellerGet = (method: HttpMethod, path: string, params: Record<string, string>) => Promise<unknown>;

/**
 * `GET /order/items/get` (LAZ-API order-api/getorderitems.json, "GetOrderItems"): `data` is the order's
 * items (`Object[]`); `sku` is the seller SKU ("Product SKU"; `shop_sku` is Lazada's "Product outer ID"). None
 * of the documented item fields is a quantity: each entry, with its own `order_item_id`, is one unit.
 */
const orderItemsAnswer = z.array(
  z.object({
    sku: z.string().min(1),
    status: z.string().optional().default(''),
  }),
);

/** "E016: Invalid Order ID": the order is not in this seller's shop (same page, error codes). */
const INVALID_ORDER_ID = '16';

/** Reads one order's items, one unit each, summed per seller SKU; undefined for an order the seller lacks. */
export async function readLazadaOrder(
  call: SellerGet,
  orderId: string,
): Promise<MarketplaceOrder | undefined> {
  let raw: unknown;
  try {
    raw = await call('GET', '/order/items/get', { order_id: orderId });
  } catch (error) {
    if (error instanceof PermanentError && error.code === INVALID_ORDER_ID) return undefined;
    throw error;
  }
  const items = orderItemsAnswer.parse(raw);
  if (items.length === 0) return undefined;
  const lines = sumBySellerSku(items.map((item) => ({ sellerSku: item.sku, quantity: 1 })));
  // Items of one order share a status until it splits into packages; the first one stands for the order.
  return { orderId, marketplaceStatus: items[0]?.status ?? '', lines };
}
