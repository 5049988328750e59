import type { StoredItem } from '../core/catalogue.js';
import type { SandboxRequest, SandboxResponse } from '../core/http-types.js';
import type { ShopeeContext } from './shopee-context.js';
import { shopeeError, shopeeOk } from './shopee-errors.js';
import { SHOPEE_STATUS } from './shopee-items.js';

/** `page_size` is at most 100 (SHP-DOC v2.product.get_item_list). */
export const SHOPEE_ITEM_LIST_PAGE_MAX = 100;

/**
 * The documented `item_status` filter values (SHP-DOC v2.product.get_item_list). `DELETED` is accepted as
 * an alias of both delete statuses, as some clients send it (assumption: the docs name only the two).
 */
const STATUS_FILTER: Readonly<Record<string, readonly string[]>> = {
  NORMAL: ['NORMAL'],
  UNLIST: ['UNLIST'],
  BANNED: ['BANNED'],
  REVIEWING: ['REVIEWING'],
  SELLER_DELETE: ['SELLER_DELETE'],
  SHOPEE_DELETE: ['SHOPEE_DELETE'],
  DELETED: ['SELLER_DELETE', 'SHOPEE_DELETE'],
};

interface ListQuery {
  readonly offset: number;
  readonly pageSize: number;
  readonly statuses: ReadonlySet<string>;
  readonly from?: number;
  readonly to?: number;
}

type Parsed = { ok: true; value: ListQuery } | { ok: false; field: string; message: string };

const invalid = (field: string, message: string): Parsed => ({ ok: false, field, message });

/** A non-negative integer query parameter; `undefined` when absent, `NaN` when malformed. */
function integerParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^\d{1,12}$/.test(raw) ? Number(raw) : Number.NaN;
}

/** `item_status` repeated (`item_status=NORMAL&item_status=UNLIST`) or as a comma / JSON-ish list. */
export function parseItemStatuses(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.replace(/^\[|\]$/g, '').split(/[\s,+]+/))
    .map((value) => value.replace(/^"|"$/g, '').trim().toUpperCase())
    .filter((value) => value !== '');
}

function parseListQuery(query: URLSearchParams): Parsed {
  const offset = integerParam(query, 'offset');
  if (offset === undefined || Number.isNaN(offset)) return invalid('offset', 'required, an integer >= 0.');
  const pageSize = integerParam(query, 'page_size');
  if (
    pageSize === undefined ||
    Number.isNaN(pageSize) ||
    pageSize < 1 ||
    pageSize > SHOPEE_ITEM_LIST_PAGE_MAX
  )
    return invalid('page_size', `required, an integer from 1 to ${SHOPEE_ITEM_LIST_PAGE_MAX}.`);
  const requested = parseItemStatuses(query.getAll('item_status'));
  if (requested.length === 0) return invalid('item_status', 'at least one item status is required.');
  const unknown = requested.find((status) => STATUS_FILTER[status] === undefined);
  if (unknown !== undefined) return invalid('item_status', `unknown item status ${unknown}.`);
  const statuses = new Set(requested.flatMap((status) => STATUS_FILTER[status] ?? []));
  const from = integerParam(query, 'update_time_from');
  const to = integerParam(query, 'update_time_to');
  if (Number.isNaN(from)) return invalid('update_time_from', 'must be a Unix timestamp in seconds.');
  if (Number.isNaN(to)) return invalid('update_time_to', 'must be a Unix timestamp in seconds.');
  if (from !== undefined && to !== undefined && from > to)
    return invalid('update_time_from', 'must not be later than update_time_to.');
  return {
    ok: true,
    value: {
      offset,
      pageSize,
      statuses,
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    },
  };
}

const updateTime = (item: StoredItem): number => Math.floor(item.updatedAt / 1000);

/** The shop's items that pass the filters, in a stable order (item id ascending — Shopee documents none). */
function matching(items: readonly StoredItem[], filter: ListQuery): StoredItem[] {
  return items
    .filter((item) => filter.statuses.has(SHOPEE_STATUS[item.status]))
    .filter((item) => filter.from === undefined || updateTime(item) >= filter.from)
    .filter((item) => filter.to === undefined || updateTime(item) <= filter.to)
    .sort((a, b) => Number(a.itemId) - Number(b.itemId));
}

/**
 * `GET /api/v2/product/get_item_list` (SHP-DOC v2.product.get_item_list): the shop's item ids, one page at a
 * time, `{item[{item_id, item_status, update_time}], total_count, has_next_page, next_offset}`.
 */
export function getItemList(request: SandboxRequest, context: ShopeeContext): SandboxResponse {
  const parsed = parseListQuery(request.query);
  if (!parsed.ok)
    return shopeeError(context.requestId, 'error_param', `invalid field ${parsed.field}: ${parsed.message}`);
  const { offset, pageSize } = parsed.value;
  const all = matching(context.catalogue.itemsOf(context.shopId), parsed.value);
  const page = all.slice(offset, offset + pageSize);
  const nextOffset = offset + page.length;
  return shopeeOk(context.requestId, {
    item: page.map((item) => ({
      item_id: Number(item.itemId),
      item_status: SHOPEE_STATUS[item.status],
      update_time: updateTime(item),
    })),
    total_count: all.length,
    has_next_page: nextOffset < all.length,
    next_offset: nextOffset,
  });
}
