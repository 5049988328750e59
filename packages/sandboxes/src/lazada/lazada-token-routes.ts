import type { SandboxResponse } from '../core/http-types.js';
import { json } from '../core/http-types.js';
import type { Router } from '../core/router.js';
import type { TokenPair } from '../core/token-store.js';
import type { LazadaContext } from './lazada-context.js';
import { LAZADA_FAILURES as F, lazadaError } from './lazada-errors.js';

/** Token answers are flat, `code: "0"`, no `data` (LAZ-GUIDE seller-authorization-introduction). */
function tokenBody(
  context: LazadaContext,
  shopId: string,
  pair: TokenPair,
  listKey: string,
): Record<string, unknown> {
  const now = context.now();
  return {
    access_token: pair.accessToken,
    refresh_token: pair.refreshToken,
    // Rounded, not floored: the clock may tick between issuing the pair and answering (7 d, not 7 d - 1 s).
    expires_in: Math.max(0, Math.round((pair.accessTokenExpiresAt - now) / 1000)),
    refresh_expires_in: Math.max(0, Math.round((pair.refreshTokenExpiresAt - now) / 1000)),
    country: 'vn',
    account_platform: 'seller_center',
    account: `seller${shopId}@sandbox.lazada.vn`,
    [listKey]: [{ country: 'vn', seller_id: shopId, user_id: shopId, short_code: `VN${shopId}` }],
    code: '0',
    request_id: context.requestId,
  };
}

function createToken(_request: unknown, context: LazadaContext): SandboxResponse {
  const code = context.params.code;
  if (!code) return lazadaError(context.requestId, F.missing('code'));
  const shopId = context.tokens.redeemCode(code);
  if (shopId === undefined) return lazadaError(context.requestId, F.invalidCode);
  return json(200, tokenBody(context, shopId, context.tokens.issue(shopId), 'country_user_info'));
}

/** New pair; the access expiry resets, the refresh expiry does not; the old refresh token is spent. */
function refreshToken(_request: unknown, context: LazadaContext): SandboxResponse {
  const token = context.params.refresh_token;
  if (!token) return lazadaError(context.requestId, F.missing('refresh_token'));
  const outcome = context.tokens.refresh(token, {
    keepRefreshExpiry: true,
    oldAccessGraceMs: Number.MAX_SAFE_INTEGER,
  });
  if (!outcome.ok) return lazadaError(context.requestId, F.illegalRefreshToken);
  return json(200, tokenBody(context, outcome.shopId, outcome.pair, 'country_user_info_list'));
}

export function registerLazadaTokenRoutes(router: Router<LazadaContext>): Router<LazadaContext> {
  return router
    .on(['GET', 'POST'], '/rest/auth/token/create', createToken)
    .on(['GET', 'POST'], '/rest/auth/token/refresh', refreshToken);
}
