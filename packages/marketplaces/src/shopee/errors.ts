import type { Verdict } from '../http/http-client.js';
import { misconfigured, permanentError, shopDisconnected, tokenRefused } from '../http/refusal-errors.js';

/** Documented "try later" errors (SHP-DOC v2.product.* "Error Codes"). */
const transient = ['error_server', 'error_inner', 'error_system_busy', 'error_network', 'error_busy'];
/** The shop is gone or its authorisation lapsed (SHP-DOC v2.public.refresh_access_token, SHP-GUIDE 20). */
const disconnected = [
  'error_shop',
  'error_param_shop_id_not_found',
  'error_auth_shop_not_found',
  'shop_access_expired',
  'refresh_token_expired',
  'shop_no_linked',
  'shop_banned',
  'error_shop_refresh_token',
  'invalid_shop_id',
];

/** Error-code fragment → the listing field at fault, as producers name it. */
const fieldOfCode: readonly [RegExp, string][] = [
  [/category_attribute|required_attribute|invalid_attribute/, 'attributes'],
  [/category/, 'category'],
  [/brand/, 'brand'],
  [/name|title/, 'name'],
  [/desc/, 'description'],
  [/image/, 'images'],
  [/price/, 'priceVnd'],
];

/** `invalid field <x>` in an error_param message → field. */
const fieldOfParam: readonly [RegExp, string][] = [
  [/item_name/i, 'name'],
  [/description/i, 'description'],
  [/price/i, 'priceVnd'],
  [/weight/i, 'weightGrams'],
  [/dimension/i, 'packageSize'],
  [/image/i, 'images'],
  [/stock/i, 'stock'],
  [/item_sku/i, 'sku'],
  [/category/i, 'category'],
  [/attribute/i, 'attributes'],
  [/brand/i, 'brand'],
  [/logistic/i, 'logistics'],
];

/** Shopee errors may carry a module prefix (`product.error_param`, `common.error_auth`): match on the suffix. */
export const bareCode = (error: string): string => error.slice(error.lastIndexOf('.') + 1);

/** Turns a Shopee error envelope into retry, token refresh, a human's job, or a permanent refusal. */
export function classifyShopeeError(error: string, message: string, status: number): Verdict<never> {
  const code = bareCode(error);
  if (transient.includes(code) || status === 429 || status >= 500) {
    const throttled = code === 'error_system_busy' || code === 'error_busy' || status === 429;
    return { kind: 'retry', code, message, throttled };
  }
  if (code === 'error_param' && /timestamp/i.test(message))
    return { kind: 'retry', code, message, throttled: false };
  if (code === 'error_auth' && /access_token/i.test(message))
    return fail(tokenRefused('shopee', code, message));
  if (code === 'error_auth' && /refresh_token/i.test(message))
    return fail(shopDisconnected('shopee', code, message));
  if (disconnected.includes(code)) return fail(shopDisconnected('shopee', code, message));
  if (code === 'error_sign' || code === 'error_auth' || /partner_id|gateway/i.test(message)) {
    return fail(misconfigured('shopee', code, message));
  }
  return fail(permanentError({ channel: 'shopee', code, detail: message, ...refusalKind(code, message) }));
}

function refusalKind(code: string, message: string) {
  if (code === 'error_item_not_found' || code === 'error_item_not_belong_shop')
    return { kind: 'not-found' as const };
  if (code.includes('banned')) return { kind: 'item-banned' as const };
  if (code === 'error_repeated_mtsku') return { kind: 'conflict' as const };
  if (code === 'error_invalid_category') return { kind: 'category-invalid' as const, field: 'category' };
  const table = code === 'error_param' ? fieldOfParam : fieldOfCode;
  const subject = code === 'error_param' ? message : code;
  const field = table.find(([pattern]) => pattern.test(subject))?.[1];
  return field === undefined
    ? { kind: 'request-rejected' as const }
    : { kind: 'field-rejected' as const, field };
}

const fail = (error: Error): Verdict<never> => ({ kind: 'fail', error });

/**
 * update_stock's `failed_reason` when a promotion reserves the stock being lowered (SHP-DOC v2.product.update_stock:
 * "Total stock must be more than reserved stock"; research §1.4). Promotion wording is matched too, as Shopee
 * words its other promotion locks that way (`error_cannt_edit_price_in_promotion`).
 */
export const promotionHoldsStock = (reason: string): boolean =>
  /reserved stock|promotion|campaign/i.test(reason);
