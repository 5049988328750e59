import { permanentError } from '../http/refusal-errors.js';

/**
 * Postmart's partner contract is our proposal (research §3.2) and has no order read: its `order.created` push
 * already names the seller SKU and quantity, so the push is the only source of an order's lines there. Asking
 * the adapter is therefore a refusal that retrying will not change, never an outage.
 */
export function noPostmartOrderRead(orderId: string): never {
  throw permanentError({
    channel: 'postmart',
    code: 'NO_ORDER_READ',
    kind: 'request-rejected',
    detail: `the Postmart contract has no order read (order ${orderId}); its push carries the lines`,
  });
}
