import { z } from 'zod';
import { firstIssue } from '../core/schemas.js';
import type { LazadaFailure } from './lazada-errors.js';
import { parseXml } from './lazada-xml.js';

/** Keys are matched case-insensitively: the docs mix `Price`/`price`, `SellerSku`/`sellerSku` (research §2.5). */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key.toLowerCase(), lowerKeys(inner)]),
  );
}

/** A payload is XML (`<Request>…`) or the equivalent JSON (`{"Request":…}`) (LAZ-GUIDE create-a-product). */
export function decodePayload(raw: string): unknown {
  const text = raw.trim();
  if (text.startsWith('<')) return lowerKeys(parseXml(text));
  try {
    return lowerKeys(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export type Decoded<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: LazadaFailure };

/**
 * Decodes and shape-checks a payload parameter: absent → E001 (mandatory), malformed → E005 (invalid format),
 * each naming the field (LAZ-API product-api/createproduct.json error codes 1 and 5).
 */
export function decodeWith<T>(raw: string | undefined, name: string, schema: z.ZodType<T>): Decoded<T> {
  if (raw === undefined || raw === '') {
    return { ok: false, failure: { code: '1', message: `E001: Parameter ${name} is mandatory` } };
  }
  const decoded = decodePayload(raw);
  if (decoded === undefined)
    return { ok: false, failure: { code: '5', message: `E005: Invalid Request Format: ${name}` } };
  const parsed = schema.safeParse(decoded);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = firstIssue(parsed.error);
  const missing = issue.message.includes('received undefined');
  return {
    ok: false,
    failure: missing
      ? {
          code: '1',
          message: `E001: Parameter ${issue.field} is mandatory`,
          detail: [{ field: issue.field, message: 'mandatory' }],
        }
      : {
          code: '5',
          message: `E005: Invalid Request Format: ${issue.field} ${issue.message}`,
          detail: [{ field: issue.field, message: issue.message }],
        },
  };
}

export const scalar = z.union([z.string(), z.number()]).transform(String);

/** One element or many: XML yields an object for one child and an array for several. */
export function oneOrMany<T extends z.ZodType>(schema: T) {
  return z.union([z.array(schema), schema]).transform((value) => (Array.isArray(value) ? value : [value]));
}
