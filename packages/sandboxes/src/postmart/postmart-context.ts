import type { z } from 'zod';
import { parseJsonBody } from '../core/body.js';
import type { Catalogue, StoredItem } from '../core/catalogue.js';
import type { SandboxRequest, SandboxResponse } from '../core/http-types.js';
import type { Sequence } from '../core/sequence.js';
import { PM, type PostmartFailure, postmartError } from './postmart-errors.js';

export interface PostmartContext {
  readonly catalogue: Catalogue;
  readonly itemIds: Sequence;
  readonly skuIds: Sequence;
  readonly now: () => number;
  readonly requestId: string;
  /** The seller (`X-PM-Seller-Id`). */
  readonly shopId: string;
}

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly response: SandboxResponse };

export function refuse(
  context: PostmartContext,
  failure: PostmartFailure,
): { ok: false; response: SandboxResponse } {
  return { ok: false, response: postmartError(context.requestId, failure) };
}

export function postmartBody<T>(
  request: SandboxRequest,
  context: PostmartContext,
  schema: z.ZodType<T>,
): Outcome<T> {
  const parsed = parseJsonBody(request, schema);
  if (parsed.ok) return { ok: true, value: parsed.data };
  return refuse(context, PM.invalidParam(parsed.field, parsed.message, `${parsed.field}: ${parsed.message}`));
}

/** A product of the calling seller; `forWrite` refuses deleted products with 410. */
export function ownProduct(
  context: PostmartContext,
  productId: string,
  forWrite: boolean,
): Outcome<StoredItem> {
  const item = context.catalogue.item(productId);
  if (!item || item.shopId !== context.shopId) return refuse(context, PM.productNotFound(productId));
  if (forWrite && item.status === 'deleted') return refuse(context, PM.productDeleted(productId));
  return { ok: true, value: item };
}
