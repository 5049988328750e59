import type { z } from 'zod';
import type { SandboxRequest } from './http-types.js';
import { firstIssue } from './schemas.js';

export type Parsed<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly field: string; readonly message: string };

/** Parses a value with a zod schema, naming the first offending field. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): Parsed<T> {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, ...firstIssue(parsed.error) };
}

/** Parses a JSON request body (an empty body is `{}`) with a zod schema. */
export function parseJsonBody<T>(request: SandboxRequest, schema: z.ZodType<T>): Parsed<T> {
  const text = request.bodyText.trim();
  if (text === '') return parseWith(schema, {});
  try {
    return parseWith(schema, JSON.parse(text));
  } catch {
    return { ok: false, field: 'body', message: 'request body is not valid JSON' };
  }
}
