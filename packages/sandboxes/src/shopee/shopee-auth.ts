import { hmacSha256Hex, safeEqual } from '../core/crypto.js';
import type { AuthOutcome } from '../core/driver.js';
import type { SandboxRequest } from '../core/http-types.js';
import type { TokenStore } from '../core/token-store.js';
import type { ShopeeApp } from '../types.js';
import { SHOPEE_MESSAGES as M, shopeeError } from './shopee-errors.js';

/** Public APIs sign `partner_id + path + timestamp`; every other path is a Shop API (SHP-GUIDE 20). */
export const SHOPEE_PUBLIC_PATHS: ReadonlySet<string> = new Set([
  '/api/v2/shop/auth_partner',
  // The deauthorisation link takes the same parameters as the authorisation link (SHP-GUIDE 20).
  '/api/v2/shop/cancel_auth_partner',
  '/api/v2/auth/token/get',
  '/api/v2/auth/access_token/get',
]);

/**
 * Partner-level calls that need no shop: signed `partner_id + path + timestamp` without access_token/shop_id
 * (SHP-DOC v2.media_space.upload_image common parameters). Clients that sign them as shop calls are
 * accepted too, as those parameters are then checked like any Shop API's.
 */
export const SHOPEE_PARTNER_PATHS: ReadonlySet<string> = new Set(['/api/v2/media_space/upload_image']);

export interface ShopeeAuthDeps {
  readonly app: ShopeeApp;
  readonly now: () => number;
  readonly timestampWindowMs: number;
  readonly tokens: TokenStore;
  readonly shopExists: (shopId: string) => boolean;
  readonly requestId: () => string;
}

/** The base string Shopee signs: partner_id + api_path + timestamp [+ access_token + shop_id]. */
export function shopeeBaseString(
  partnerId: string,
  path: string,
  timestamp: string,
  shop?: { accessToken: string; shopId: string },
): string {
  return `${partnerId}${path}${timestamp}${shop ? `${shop.accessToken}${shop.shopId}` : ''}`;
}

/** Checks in Shopee's order: query parameters, partner, timestamp window, sign, shop, access token. */
export function authenticateShopee(request: SandboxRequest, deps: ShopeeAuthDeps): AuthOutcome {
  const query = request.query;
  const fail = (error: string, message: string, shopId?: string): AuthOutcome => ({
    ok: false,
    response: shopeeError(deps.requestId(), error, message),
    ...(shopId === undefined ? {} : { shopId }),
  });
  const isPublic =
    SHOPEE_PUBLIC_PATHS.has(request.path) ||
    (SHOPEE_PARTNER_PATHS.has(request.path) && !query.get('access_token') && !query.get('shop_id'));
  const required = isPublic
    ? ['partner_id', 'timestamp', 'sign']
    : ['partner_id', 'timestamp', 'access_token', 'shop_id', 'sign'];
  const missing = required.find((name) => !query.get(name));
  if (missing !== undefined) return fail('error_param', M.missing(missing));
  const partnerId = query.get('partner_id') ?? '';
  const timestamp = query.get('timestamp') ?? '';
  if (partnerId !== String(deps.app.partnerId)) return fail('error_param', M.invalidPartner);
  if (!withinWindow(timestamp, deps)) return fail('error_param', M.invalidTimestamp);
  const shopId = query.get('shop_id') ?? '';
  const accessToken = query.get('access_token') ?? '';
  const base = shopeeBaseString(
    partnerId,
    request.path,
    timestamp,
    isPublic ? undefined : { accessToken, shopId },
  );
  if (!safeEqual(query.get('sign') ?? '', hmacSha256Hex(deps.app.partnerKey, base))) {
    return fail('error_sign', M.wrongSign);
  }
  const appId = String(deps.app.partnerId);
  if (isPublic) return { ok: true, identity: { appId } };
  if (!deps.shopExists(shopId)) return fail('error_param_shop_id_not_found', M.shopNotFound);
  if (deps.tokens.shopOfAccessToken(accessToken) !== shopId)
    return fail('error_auth', M.invalidAccessToken, shopId);
  return { ok: true, identity: { appId, shopId } };
}

function withinWindow(timestamp: string, deps: ShopeeAuthDeps): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(deps.now() - Number(timestamp) * 1000) <= deps.timestampWindowMs;
}
