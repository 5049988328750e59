import { json, type SandboxResponse } from '../core/http-types.js';

/**
 * Lazada answers errors as `{type, code, message, request_id}` and success as `{code: "0", data, request_id}`;
 * SDKs decide on `code`, not on the HTTP status, so errors are served with HTTP 200 (research §2.4).
 * `type`: ISV = request/business data, ISP = backend service, SYSTEM = platform (LAZ-GUIDE error-messages).
 */
export type LazadaErrorType = 'ISV' | 'ISP' | 'SYSTEM';

export interface LazadaFailure {
  readonly code: string;
  readonly message: string;
  readonly detail?: ReadonlyArray<Record<string, string>>;
}

export function lazadaOk(requestId: string, data: unknown): SandboxResponse {
  return json(200, { code: '0', data, request_id: requestId });
}

export function lazadaError(
  requestId: string,
  failure: LazadaFailure,
  type: LazadaErrorType = 'ISV',
  status = 200,
): SandboxResponse {
  const body = { type, code: failure.code, message: failure.message, request_id: requestId };
  return json(status, failure.detail ? { ...body, detail: failure.detail } : body);
}

export const LAZADA_FAILURES = {
  /** Sandbox-only code for the `refuseSellerSkus` fault: an ISV (business) error, so never retried. */
  itemRefused: { code: 'ItemRefused', message: 'The product violates the listing policy.' },
  missing: (name: string): LazadaFailure => ({
    code: 'MissingParameter',
    message: `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  }),
  badSignature: (why: string): LazadaFailure => ({
    code: 'IncompleteSignature',
    message: `The request signature does not conform to lazop standards. ${why}`,
  }),
  /** Not in the crawled docs; community SDKs use this code (research §2.4, unverified). */
  badTimestamp: {
    code: 'InvalidTimestamp',
    message: 'The timestamp differs from UTC by more than 7200 seconds.',
  },
  /** Not in the crawled docs (assumption). */
  badAppKey: { code: 'InvalidAppKey', message: 'The specified app key is invalid.' },
  illegalAccessToken: {
    code: 'IllegalAccessToken',
    message: 'The specified access token is invalid or expired',
  },
  illegalRefreshToken: {
    code: 'IllegalRefreshToken',
    message: 'The specified refresh token is invalid or expired',
  },
  invalidCode: { code: 'InvalidCode', message: 'The specified authorization code is invalid or expired' },
  apiCallLimit: {
    code: 'ApiCallLimit',
    message: 'Api access frequency exceeds the limit. this ban will last 1 seconds',
  },
  internal: { code: '6', message: 'E006: Unexpected internal error' },
  notFound: (path: string): LazadaFailure => ({
    code: 'InvalidApiPath',
    message: `The specified API path ${path} is invalid.`,
  }),
} as const satisfies Record<string, LazadaFailure | ((value: string) => LazadaFailure)>;
