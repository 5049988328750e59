import { json, type SandboxResponse } from '../core/http-types.js';

/**
 * Shopee decides success on the envelope (`error` empty), and does not document HTTP statuses for business
 * errors, so they are served with HTTP 200 (research §4). Throttling has no documented code: we answer HTTP 429
 * with `error_system_busy`, one of the documented "try later" errors (assumption, research §1.4).
 */
export const SHOPEE_ERROR_STATUS = 200;

export function shopeeOk(requestId: string, response?: unknown, warning = ''): SandboxResponse {
  const body = { error: '', message: '', warning, request_id: requestId };
  return json(200, response === undefined ? body : { ...body, response });
}

export function shopeeError(
  requestId: string,
  error: string,
  message: string,
  status = SHOPEE_ERROR_STATUS,
): SandboxResponse {
  return json(status, { error, message, request_id: requestId });
}

export interface ShopeeFailure {
  readonly error: string;
  readonly message: string;
}

export const SHOPEE_MESSAGES = {
  itemRefused: 'The item is not allowed on this platform.',
  missing: (name: string) => `There is no ${name} in query.`,
  invalidPartner: 'Invalid partner_id.',
  invalidTimestamp: 'Invalid timestamp.',
  wrongSign: 'Wrong sign.',
  invalidAccessToken: 'Invalid access_token.',
  invalidRefreshToken: 'Invalid refresh_token.',
  shopNotFound: 'shop_id is invalid.',
  invalidCode: 'The code is expired or used or invalid.',
  busy: 'Our system is taking some time to respond, please try later.',
  server: 'Something wrong. Please try later.',
  itemNotFound: 'Item not found.',
} as const;
