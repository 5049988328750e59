import { json, type SandboxResponse } from '../core/http-types.js';

/** Envelope of our proposal (research §3.2): `{code, message, request_id, data}` with a meaningful HTTP status. */
export interface PostmartFailure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly errors?: ReadonlyArray<{ readonly field: string; readonly rule: string }>;
}

export function postmartOk(requestId: string, data: unknown, status = 200): SandboxResponse {
  return json(status, { code: 'OK', message: '', request_id: requestId, data });
}

export function postmartError(
  requestId: string,
  failure: PostmartFailure,
  headers?: Record<string, string>,
): SandboxResponse {
  const body = { code: failure.code, message: failure.message, request_id: requestId };
  return json(failure.status, failure.errors ? { ...body, errors: failure.errors } : body, headers);
}

export function fieldFailure(
  status: number,
  code: string,
  field: string,
  rule: string,
  message?: string,
): PostmartFailure {
  return { status, code, message: message ?? `${field}: ${rule}`, errors: [{ field, rule }] };
}

export const PM = {
  /** The `refuseSellerSkus` fault: a policy refusal (our addition to the proposal). */
  productRefused: {
    status: 422,
    code: 'PRODUCT_REFUSED',
    message: 'The product violates the listing policy.',
  },
  invalidParam: (field: string, rule: string, message?: string) =>
    fieldFailure(400, 'INVALID_PARAM', field, rule, message),
  unauthorized: (code: string, message: string): PostmartFailure => ({ status: 401, code, message }),
  sellerNotAuthorized: {
    status: 403,
    code: 'SELLER_NOT_AUTHORIZED',
    message: 'The seller has not granted access to this app.',
  },
  productNotFound: (id: string): PostmartFailure => ({
    status: 404,
    code: 'PRODUCT_NOT_FOUND',
    message: `No product ${id}.`,
  }),
  skuNotFound: (sku: string): PostmartFailure =>
    fieldFailure(404, 'SKU_NOT_FOUND', 'seller_sku', 'exists', `No SKU ${sku}.`),
  productDeleted: (id: string): PostmartFailure => ({
    status: 410,
    code: 'PRODUCT_DELETED',
    message: `Product ${id} is deleted.`,
  }),
  versionConflict: (field: string): PostmartFailure =>
    fieldFailure(409, 'VERSION_CONFLICT', field, 'version', 'Stale version.'),
  idempotencyReused: {
    status: 409,
    code: 'IDEMPOTENCY_KEY_REUSED',
    message: 'Idempotency-Key was used with another body.',
  },
  /** Not in the proposal's list: relisting a banned product (our extension). */
  productBanned: (id: string): PostmartFailure => ({
    status: 409,
    code: 'PRODUCT_BANNED',
    message: `Product ${id} is banned.`,
  }),
  /**
   * Not in the proposal's list (our extension, like PRODUCT_BANNED): a campaign holds the SKU's stock, which may
   * rise but not fall until it ends. In `PUT /v1/stock` it is a per-item result, not the HTTP status.
   */
  stockLockedByCampaign: (sku: string): PostmartFailure => ({
    status: 409,
    code: 'STOCK_LOCKED_BY_CAMPAIGN',
    message: `Stock of ${sku} is held by a campaign: it can be raised, not lowered, until the campaign ends.`,
  }),
  rateLimited: { status: 429, code: 'RATE_LIMITED', message: 'Too many requests.' },
  notFound: (path: string): PostmartFailure => ({
    status: 404,
    code: 'NOT_FOUND',
    message: `No route ${path}.`,
  }),
  server: (status: number): PostmartFailure => ({
    status,
    code: status === 500 ? 'INTERNAL' : 'UNAVAILABLE',
    message: 'Temporary failure, retry with the same Idempotency-Key.',
  }),
} as const;
