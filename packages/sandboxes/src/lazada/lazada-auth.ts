import { safeEqual } from '../core/crypto.js';
import type { AuthOutcome } from '../core/driver.js';
import type { SandboxRequest } from '../core/http-types.js';
import type { TokenStore } from '../core/token-store.js';
import type { LazadaApp } from '../types.js';
import { LAZADA_FAILURES as F, type LazadaFailure, lazadaError } from './lazada-errors.js';
import { lazadaParams } from './lazada-params.js';
import { acceptedLazadaSigns } from './lazada-signature.js';

/** The sandbox serves both hosts (api.lazada.vn/rest and auth.lazada.com/rest) under `/rest`. */
export const LAZADA_PREFIX = '/rest';
/** System APIs that take no access_token (LAZ-GUIDE seller-authorization-introduction). */
const TOKENLESS_PATHS: ReadonlySet<string> = new Set(['/auth/token/create', '/auth/token/refresh']);

export interface LazadaAuthDeps {
  readonly app: LazadaApp;
  readonly now: () => number;
  readonly timestampWindowMs: number;
  readonly tokens: TokenStore;
  readonly requestId: () => string;
}

/** ms digits, or an ISO-8601 UTC time such as 2017-11-11T12:00:00Z (LAZ-GUIDE calling-parameters). */
export function lazadaTimestampMs(raw: string): number | undefined {
  if (/^\d{13}$/.test(raw)) return Number(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw)) return undefined;
  const parsed = Date.parse(raw);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Checks in this order: system parameters, app key, timestamp, sign method, sign, access token. */
export function authenticateLazada(request: SandboxRequest, deps: LazadaAuthDeps): AuthOutcome {
  const fail = (failure: LazadaFailure, shopId?: string): AuthOutcome => ({
    ok: false,
    response: lazadaError(deps.requestId(), failure),
    ...(shopId === undefined ? {} : { shopId }),
  });
  const params = lazadaParams(request);
  const apiPath = request.path.slice(LAZADA_PREFIX.length);
  const needsToken = !TOKENLESS_PATHS.has(apiPath);
  const required = ['app_key', 'timestamp', 'sign_method', 'sign', ...(needsToken ? ['access_token'] : [])];
  const missing = required.find((name) => !params[name]);
  if (missing !== undefined) return fail(F.missing(missing));
  if (params.app_key !== deps.app.appKey) return fail(F.badAppKey);
  const timestamp = lazadaTimestampMs(params.timestamp ?? '');
  if (timestamp === undefined || Math.abs(deps.now() - timestamp) > deps.timestampWindowMs)
    return fail(F.badTimestamp);
  if (params.sign_method !== 'sha256') return fail(F.badSignature('sign_method must be sha256.'));
  const sign = params.sign ?? '';
  if (
    !acceptedLazadaSigns(deps.app.appSecret, apiPath, params).some((expected) => safeEqual(sign, expected))
  ) {
    return fail(F.badSignature('The signature does not match.'));
  }
  if (!needsToken) return { ok: true, identity: { appId: deps.app.appKey } };
  const shopId = deps.tokens.shopOfAccessToken(params.access_token ?? '');
  if (shopId === undefined) return fail(F.illegalAccessToken);
  return { ok: true, identity: { appId: deps.app.appKey, shopId } };
}
