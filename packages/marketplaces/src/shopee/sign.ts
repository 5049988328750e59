import { createHmac } from 'node:crypto';

export interface ShopeeSignInput {
  partnerId: number;
  /** API path without host or query, e.g. `/api/v2/product/update_stock`. */
  path: string;
  /** Unix seconds; Shopee accepts it for 5 minutes. */
  timestamp: number;
  /** Shop APIs only (with `shopId`). */
  accessToken?: string;
  shopId?: string;
}

/**
 * Shopee Open Platform v2 request signature: lower-case hex HMAC-SHA256, keyed by the partner key's
 * UTF-8 bytes, over `partner_id + path + timestamp` for public APIs and
 * `partner_id + path + timestamp + access_token + shop_id` for shop APIs (developer guide 20,
 * "Calculating the sign parameter").
 */
export function shopeeSign(partnerKey: string, input: ShopeeSignInput): string {
  const shopPart = input.accessToken === undefined ? '' : `${input.accessToken}${input.shopId ?? ''}`;
  const base = `${input.partnerId}${input.path}${input.timestamp}${shopPart}`;
  return createHmac('sha256', Buffer.from(partnerKey, 'utf8')).update(base, 'utf8').digest('hex');
}
