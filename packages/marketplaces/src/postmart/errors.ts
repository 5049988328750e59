import type { Verdict } from '../http/http-client.js';
import { misconfigured, permanentError, shopDisconnected } from '../http/refusal-errors.js';

/** Re-signing with a new timestamp and nonce cures these (research §3.2). */
const resign = new Set(['TIMESTAMP_OUT_OF_WINDOW', 'NONCE_REUSED']);
const credentials = new Set(['INVALID_SIGNATURE', 'UNKNOWN_APP_KEY']);

const fieldOfCode: Record<string, string> = {
  TITLE_LENGTH: 'name',
  PRICE_NOT_INTEGER: 'priceVnd',
  PRICE_OUT_OF_RANGE: 'priceVnd',
  IMAGE_INVALID: 'images',
  ATTRIBUTE_REQUIRED: 'attributes',
  OCOP_CERT_EXPIRED: 'certificate',
  STOCK_BELOW_RESERVED: 'stock',
};

/** Postmart body paths (`skus[0].price_vnd`) → listing field. */
const fieldOfPath: readonly [RegExp, string][] = [
  [/title/, 'name'],
  [/description/, 'description'],
  [/price/, 'priceVnd'],
  [/weight/, 'weightGrams'],
  [/dimensions/, 'packageSize'],
  [/images/, 'images'],
  [/seller_sku/, 'sku'],
  [/quantity|stock/, 'stock'],
  [/category/, 'category'],
  [/attributes/, 'attributes'],
  [/ocop/, 'certificate'],
];

export interface PostmartErrorBody {
  code: string;
  message?: string;
  errors?: readonly { field?: string; rule?: string }[];
}

/** Proposal §3.2 error codes → retry, a human's job, or a permanent refusal naming the field. */
export function classifyPostmartError(
  body: PostmartErrorBody,
  status: number,
  retryAfterMs?: number,
): Verdict<never> {
  const { code } = body;
  const first = body.errors?.[0];
  const message = [
    body.message ?? code,
    first === undefined ? '' : `${first.field ?? ''} ${first.rule ?? ''}`.trim(),
  ]
    .filter(Boolean)
    .join(' — ');
  if (status === 429 || code === 'RATE_LIMITED') {
    return {
      kind: 'retry',
      code,
      message,
      throttled: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status >= 500 || resign.has(code)) return { kind: 'retry', code, message, throttled: false };
  if (credentials.has(code)) return fail(misconfigured('postmart', code, message));
  if (code === 'SELLER_NOT_AUTHORIZED') return fail(shopDisconnected('postmart', code, message));
  return fail(permanentError({ channel: 'postmart', code, detail: message, ...refusalKind(body, status) }));
}

function refusalKind(body: PostmartErrorBody, status: number) {
  const { code } = body;
  if (status === 404 || status === 410) return { kind: 'not-found' as const };
  if (code === 'SKU_DUPLICATE') return { kind: 'conflict' as const, field: 'sku' };
  if (status === 409) return { kind: 'conflict' as const };
  if (code === 'CATEGORY_NOT_LEAF') return { kind: 'category-invalid' as const, field: 'category' };
  const path = body.errors?.[0]?.field;
  const field =
    fieldOfCode[code] ?? (path === undefined ? undefined : fieldOfPath.find(([re]) => re.test(path))?.[1]);
  return field === undefined
    ? { kind: 'request-rejected' as const }
    : { kind: 'field-rejected' as const, field };
}

const fail = (error: Error): Verdict<never> => ({ kind: 'fail', error });
