import { InvalidAccessTokenError } from '../http/errors.js';
import type { RateScope } from '../http/http-client.js';
import { shopDisconnected } from '../http/refusal-errors.js';
import type { RefreshTokens } from '../http/token-keeper.js';
import type { ShopTokens } from '../types.js';
import type { ShopeeApi } from './client.js';
import { tokenAnswer } from './schemas.js';

/** Refresh tokens last 30 days and are single-use; each refresh returns a new pair (SHP-GUIDE 20). */
const REFRESH_LIFETIME_MS = 30 * 24 * 3_600_000;

/**
 * `POST /api/v2/auth/token/get` with `{ code, partner_id, shop_id }`, public-API signed; the answer is flat
 * like a refresh's (SHP-DOC v2.public.get_access_token). The code is single-use, so a timeout or 5xx is not
 * retried here: the code may already be spent (only throttling, certainly not applied, is).
 */
export async function exchangeShopeeCode(
  api: ShopeeApi,
  partnerId: number,
  grant: { code: string; shopId: string },
  scopes: readonly RateScope[],
  now: () => number,
): Promise<ShopTokens> {
  const body = { code: grant.code, partner_id: partnerId, shop_id: Number(grant.shopId) };
  const answer = tokenAnswer.parse(
    await api.call({ method: 'POST', path: '/api/v2/auth/token/get', body, scopes, retryAmbiguous: false }),
  );
  const at = now();
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    accessExpiresAt: at + answer.expire_in * 1000,
    refreshExpiresAt: at + REFRESH_LIFETIME_MS,
  };
}

/** `POST /api/v2/auth/access_token/get` with `{ refresh_token, partner_id, shop_id }`, public-API signed. */
export function refreshShopeeTokens(
  api: ShopeeApi,
  partnerId: number,
  scopes: (shopId?: string) => RateScope[],
  now: () => number,
): RefreshTokens {
  return async (account, refreshToken) => {
    const body = { refresh_token: refreshToken, partner_id: partnerId, shop_id: Number(account.shopId) };
    try {
      const answer = tokenAnswer.parse(
        await api.call({
          method: 'POST',
          path: '/api/v2/auth/access_token/get',
          body,
          scopes: scopes(account.shopId),
        }),
      );
      const at = now();
      return {
        accessToken: answer.access_token,
        refreshToken: answer.refresh_token,
        accessExpiresAt: at + answer.expire_in * 1000,
        refreshExpiresAt: at + REFRESH_LIFETIME_MS,
      };
    } catch (error) {
      if (error instanceof InvalidAccessTokenError)
        throw shopDisconnected('shopee', error.code, error.message);
      throw error;
    }
  };
}
