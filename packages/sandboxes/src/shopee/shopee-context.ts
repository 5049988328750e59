import type { z } from 'zod';
import { parseJsonBody } from '../core/body.js';
import type { Catalogue, StoredItem } from '../core/catalogue.js';
import type { SandboxRequest, SandboxResponse } from '../core/http-types.js';
import type { Sequence } from '../core/sequence.js';
import type { TokenStore } from '../core/token-store.js';
import type { ShopeeApp } from '../types.js';
import { type ShopeeFailure, shopeeError } from './shopee-errors.js';
import type { MediaSpace } from './shopee-media-space.js';

export interface ShopeeContext {
  readonly app: ShopeeApp;
  readonly catalogue: Catalogue;
  readonly tokens: TokenStore;
  readonly itemIds: Sequence;
  /** Image ids upload_image issued, which add_item/update_item accept. */
  readonly mediaSpace: MediaSpace;
  readonly now: () => number;
  readonly requestId: string;
  /** Empty on public APIs. */
  readonly shopId: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly response: SandboxResponse };

export function failWith(
  context: ShopeeContext,
  failure: ShopeeFailure,
): { ok: false; response: SandboxResponse } {
  return { ok: false, response: shopeeError(context.requestId, failure.error, failure.message) };
}

/** The JSON body, or `error_param` naming the offending field (the shape of SHP-DOC's error example). */
export function shopeeBody<T>(
  request: SandboxRequest,
  context: ShopeeContext,
  schema: z.ZodType<T>,
): Result<T> {
  const parsed = parseJsonBody(request, schema);
  if (parsed.ok) return { ok: true, value: parsed.data };
  return failWith(context, {
    error: 'error_param',
    message: `invalid field ${parsed.field}: ${parsed.message}`,
  });
}

/** An item of the calling shop that is not deleted. */
export function shopeeItem(context: ShopeeContext, itemId: number): Result<StoredItem> {
  const item = context.catalogue.item(String(itemId));
  if (!item || item.status === 'deleted') {
    return failWith(context, {
      error: 'error_item_not_found',
      message: `Item not found: item_id ${itemId}.`,
    });
  }
  if (item.shopId !== context.shopId) {
    return failWith(context, {
      error: 'error_item_not_belong_shop',
      message: `item_id ${itemId} does not belong to shop.`,
    });
  }
  return { ok: true, value: item };
}
