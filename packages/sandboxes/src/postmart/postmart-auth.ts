import { POSTMART_NONCE_TTL_MS } from '../constants.js';
import { safeEqual } from '../core/crypto.js';
import type { AuthOutcome } from '../core/driver.js';
import { header, type SandboxRequest } from '../core/http-types.js';
import type { PostmartApp } from '../types.js';
import { PM, type PostmartFailure, postmartError } from './postmart-errors.js';
import { postmartSign } from './postmart-signature.js';

const HEADERS = ['X-PM-App-Key', 'X-PM-Seller-Id', 'X-PM-Timestamp', 'X-PM-Nonce', 'X-PM-Signature'] as const;

export interface PostmartAuthDeps {
  readonly app: PostmartApp;
  readonly now: () => number;
  readonly timestampWindowMs: number;
  /** Nonce → time first seen. */
  readonly nonces: Map<string, number>;
  readonly sellerAuthorised: (sellerId: string) => boolean;
  readonly requestId: () => string;
}

/** Headers, app key, timestamp window, signature, nonce, then the seller's grant (proposal §3.2). */
export function authenticatePostmart(request: SandboxRequest, deps: PostmartAuthDeps): AuthOutcome {
  const fail = (failure: PostmartFailure, shopId?: string): AuthOutcome => ({
    ok: false,
    response: postmartError(deps.requestId(), failure),
    ...(shopId === undefined ? {} : { shopId }),
  });
  const missing = HEADERS.find((name) => !header(request, name));
  if (missing !== undefined)
    return fail(PM.invalidParam(missing, 'required', `Header ${missing} is required.`));
  const value = (name: (typeof HEADERS)[number]): string => header(request, name) ?? '';
  if (value('X-PM-App-Key') !== deps.app.clientId)
    return fail(PM.unauthorized('UNKNOWN_APP_KEY', 'Unknown app key.'));
  const timestamp = value('X-PM-Timestamp');
  if (
    !/^\d{1,12}$/.test(timestamp) ||
    Math.abs(deps.now() - Number(timestamp) * 1000) > deps.timestampWindowMs
  ) {
    return fail(
      PM.unauthorized('TIMESTAMP_OUT_OF_WINDOW', 'X-PM-Timestamp is more than 300 s from server time.'),
    );
  }
  const sellerId = value('X-PM-Seller-Id');
  const nonce = value('X-PM-Nonce');
  const expected = postmartSign(deps.app.clientSecret, {
    method: request.method,
    path: request.path,
    query: request.query,
    appKey: deps.app.clientId,
    sellerId,
    timestamp,
    nonce,
    body: request.rawBody,
  });
  if (!safeEqual(value('X-PM-Signature'), expected))
    return fail(PM.unauthorized('INVALID_SIGNATURE', 'Signature mismatch.'));
  if (!rememberNonce(deps, nonce))
    return fail(PM.unauthorized('NONCE_REUSED', 'X-PM-Nonce was already used.'));
  if (!deps.sellerAuthorised(sellerId)) return fail(PM.sellerNotAuthorized, sellerId);
  return { ok: true, identity: { appId: deps.app.clientId, shopId: sellerId } };
}

function rememberNonce(deps: PostmartAuthDeps, nonce: string): boolean {
  const now = deps.now();
  for (const [seen, at] of deps.nonces) if (now - at > POSTMART_NONCE_TTL_MS) deps.nonces.delete(seen);
  if (deps.nonces.has(nonce)) return false;
  deps.nonces.set(nonce, now);
  return true;
}
