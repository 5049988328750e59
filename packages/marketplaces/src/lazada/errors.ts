import type { Verdict } from '../http/http-client.js';
import { misconfigured, permanentError, shopDisconnected, tokenRefused } from '../http/refusal-errors.js';

/** Throttling: `ApiCallLimit` ("this ban will last 1 seconds"), 901, 4154 SYS_REQUEST_TOO_FAST, 998 campaign. */
const throttling = new Set(['ApiCallLimit', '901', '4154', '998']);
/** Backend trouble worth another try: internal error, too many SKUs timing out, internal call exception. */
const transient = new Set(['ServiceTimeout', '6', '513', 'InvalidTimestamp']);
const credentials = new Set(['IncompleteSignature', 'InvalidAppKey', 'MissingParameter', 'InvalidApiPath']);
const disconnected = new Set([
  'IllegalRefreshToken',
  'AUTH_TYPE_UNSUPPORTED',
  'SellerNotActive',
  'InvalidCode',
]);

/** LAZ-API product-api/createproduct.json codes → the listing field at fault. */
const fieldOfCode: Record<string, string> = {
  ...Object.fromEntries(['4160', '4129', '4131'].map((code) => [code, 'name'])),
  ...Object.fromEntries(['4104', '4118', '4157', '4117'].map((code) => [code, 'priceVnd'])),
  ...Object.fromEntries(['4138', '4139', '4169', '4158', '4153'].map((code) => [code, 'images'])),
  ...Object.fromEntries(
    ['4110', '4108', '4125', '4167', '4115', '4140', '4120'].map((code) => [code, 'attributes']),
  ),
  ...Object.fromEntries(['4130', '4142', '4156'].map((code) => [code, 'brand'])),
  ...Object.fromEntries(['4165', '4149'].map((code) => [code, 'packageSize'])),
  ...Object.fromEntries(['4152', '4170', '4171'].map((code) => [code, 'stock'])),
  '4164': 'weightGrams',
  '4150': 'sku',
};

/** Lazada field paths in `detail` (`Attributes.name`, `Skus.Sku[0].price`) → listing field. */
const fieldOfPath: readonly [RegExp, string][] = [
  [/package_weight/i, 'weightGrams'],
  [/package_/i, 'packageSize'],
  [/\bname$/i, 'name'],
  [/description/i, 'description'],
  [/price/i, 'priceVnd'],
  [/quantity/i, 'stock'],
  [/image/i, 'images'],
  [/sellersku/i, 'sku'],
  [/brand/i, 'brand'],
  [/category/i, 'category'],
  [/attributes\./i, 'attributes'],
];

export interface LazadaErrorBody {
  type?: string;
  code: string;
  message?: string;
  detail?: readonly { field?: string; message?: string; code?: string }[];
}

/**
 * `4170`: during a campaign stock may be increased but not decreased (LAZ-API product-api/updatepricequantity.json,
 * research §2.4). Batch calls answer it per SKU in `detail` under the overview code `501`.
 */
export const CAMPAIGN_STOCK_LOCKED = '4170';

/** Turns a Lazada error envelope into retry, token refresh, a human's job, or a permanent refusal. */
export function classifyLazadaError(body: LazadaErrorBody, status: number): Verdict<never> {
  const campaign = body.detail?.find((entry) => entry.code === CAMPAIGN_STOCK_LOCKED);
  const code = campaign === undefined ? body.code : CAMPAIGN_STOCK_LOCKED;
  const first = campaign ?? body.detail?.[0];
  const message = [body.message ?? '', first?.message ?? ''].filter(Boolean).join(' — ');
  if (throttling.has(code) || status === 429) {
    return {
      kind: 'retry',
      code,
      message,
      throttled: true,
      ...(code === 'ApiCallLimit' ? { retryAfterMs: 1_000 } : {}),
    };
  }
  if (transient.has(code) || body.type === 'ISP' || body.type === 'SYSTEM' || status >= 500) {
    return { kind: 'retry', code, message, throttled: false };
  }
  if (code === 'IllegalAccessToken') return fail(tokenRefused('lazada', code, message));
  if (disconnected.has(code)) return fail(shopDisconnected('lazada', code, message));
  if (credentials.has(code)) return fail(misconfigured('lazada', code, message));
  return fail(
    permanentError({ channel: 'lazada', code, detail: message, ...refusalKind({ ...body, code }) }),
  );
}

function refusalKind(body: LazadaErrorBody) {
  const { code } = body;
  if (['4105', '4126', '4141'].includes(code)) return { kind: 'conflict' as const, field: 'sku' };
  if (['4136', '4137', '208'].includes(code)) return { kind: 'not-found' as const };
  if (code === '201' || code === '4134') return { kind: 'category-invalid' as const, field: 'category' };
  const path = body.detail?.[0]?.field;
  const field =
    fieldOfCode[code] ?? (path === undefined ? undefined : fieldOfPath.find(([re]) => re.test(path))?.[1]);
  return field === undefined
    ? { kind: 'request-rejected' as const }
    : { kind: 'field-rejected' as const, field };
}

const fail = (error: Error): Verdict<never> => ({ kind: 'fail', error });
