import { SHOPEE_OLD_ACCESS_GRACE_MS } from '../constants.js';
import type { SandboxRequest, SandboxResponse } from '../core/http-types.js';
import { json } from '../core/http-types.js';
import type { Router } from '../core/router.js';
import type { TokenPair } from '../core/token-store.js';
import { type ShopeeContext, shopeeBody } from './shopee-context.js';
import { SHOPEE_MESSAGES as M, shopeeError } from './shopee-errors.js';
import { refreshSchema, tokenGetSchema } from './shopee-schemas.js';

/** Token answers are flat: no `response` wrapper (SHP-DOC v2.public.get_access_token). */
function tokenBody(context: ShopeeContext, pair: TokenPair): Record<string, unknown> {
  return {
    refresh_token: pair.refreshToken,
    access_token: pair.accessToken,
    // Rounded: the clock may tick between issuing the token and answering (an off-by-one second otherwise).
    expire_in: Math.max(0, Math.round((pair.accessTokenExpiresAt - context.now()) / 1000)),
    request_id: context.requestId,
    error: '',
    message: '',
  };
}

function getToken(request: SandboxRequest, context: ShopeeContext): SandboxResponse {
  const body = shopeeBody(request, context, tokenGetSchema);
  if (!body.ok) return body.response;
  if (body.value.partner_id !== context.app.partnerId) {
    return shopeeError(context.requestId, 'invalid_partner_id', M.invalidPartner);
  }
  const shopId = context.tokens.redeemCode(body.value.code);
  if (shopId === undefined) return shopeeError(context.requestId, 'invalid_code', M.invalidCode);
  if (shopId !== String(body.value.shop_id))
    return shopeeError(context.requestId, 'invalid_shop_id', M.shopNotFound);
  return json(200, tokenBody(context, context.tokens.issue(shopId)));
}

/** Single-use refresh token, both tokens rotated, the old access token kept 5 more minutes (SHP-GUIDE 20). */
function refreshToken(request: SandboxRequest, context: ShopeeContext): SandboxResponse {
  const body = shopeeBody(request, context, refreshSchema);
  if (!body.ok) return body.response;
  if (body.value.partner_id !== context.app.partnerId) {
    return shopeeError(context.requestId, 'invalid_partner_id', M.invalidPartner);
  }
  const outcome = context.tokens.refresh(body.value.refresh_token, {
    keepRefreshExpiry: false,
    oldAccessGraceMs: SHOPEE_OLD_ACCESS_GRACE_MS,
  });
  if (!outcome.ok) {
    return outcome.reason === 'expired'
      ? shopeeError(context.requestId, 'refresh_token_expired', 'The refresh_token is expired.')
      : shopeeError(context.requestId, 'error_auth', M.invalidRefreshToken);
  }
  if (outcome.shopId !== String(body.value.shop_id)) {
    return shopeeError(context.requestId, 'error_auth', M.invalidRefreshToken);
  }
  return json(200, {
    ...tokenBody(context, outcome.pair),
    partner_id: context.app.partnerId,
    shop_id: Number(outcome.shopId),
  });
}

export function registerShopeeTokenRoutes(router: Router<ShopeeContext>): Router<ShopeeContext> {
  return router
    .on('POST', '/api/v2/auth/token/get', getToken)
    .on('POST', '/api/v2/auth/access_token/get', refreshToken);
}
