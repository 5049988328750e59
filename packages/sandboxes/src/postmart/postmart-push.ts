import type { Catalogue } from '../core/catalogue.js';
import { hmacSha256Base64 } from '../core/crypto.js';
import type { PushMessage } from '../core/driver.js';
import type { Prng } from '../core/prng.js';
import type { PushData, PushKind } from '../types.js';

/** Event types of the proposal (research §3.2). */
const EVENT_TYPES: Readonly<Record<PushKind, string>> = {
  'order.placed': 'order.created',
  'order.cancelled': 'order.cancelled',
  'item.banned': 'product.banned',
};

/** Standard Webhooks v1: `v1,` + base64 HMAC-SHA256(base64-decoded whsec key, `${id}.${timestamp}.${body}`). */
export function standardWebhookSignature(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${hmacSha256Base64(key, `${id}.${timestamp}.${body}`)}`;
}

function eventData(catalogue: Catalogue, kind: PushKind, data: PushData): Record<string, unknown> {
  if (kind !== 'item.banned') {
    return {
      order_id: data.orderId ?? 'PM-O-1',
      seller_id: data.shopId,
      ...(data.sellerSku ? { seller_sku: data.sellerSku } : {}),
    };
  }
  const item = catalogue.findItem(data.shopId, {
    ...(data.externalItemId === undefined ? {} : { itemId: data.externalItemId }),
    ...(data.sellerSku === undefined ? {} : { sellerSku: data.sellerSku }),
  });
  item.status = 'banned';
  item.statusReason = data.reason ?? 'policy_violation';
  catalogue.touch(item);
  return { product_id: item.itemId, seller_sku: item.skus[0]?.sellerSku ?? '', reason: item.statusReason };
}

export function buildPostmartPush(
  secret: string,
  deps: { catalogue: Catalogue; now: number; ids: Prng },
  kind: PushKind,
  data: PushData,
): PushMessage {
  const timestamp = Math.floor(deps.now / 1000);
  const id = `msg_${deps.ids.alnum(24)}`;
  const body = JSON.stringify({
    type: EVENT_TYPES[kind],
    timestamp: new Date(timestamp * 1000).toISOString(),
    data: eventData(deps.catalogue, kind, data),
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': standardWebhookSignature(secret, id, timestamp, body),
    },
  };
}
