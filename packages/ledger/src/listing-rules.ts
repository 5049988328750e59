import type { EventDetail } from '@ocop-sync/domain';
import type { ListingRecord, ListingStatus } from './records.js';
import type { DesiredListingInput } from './types.js';

export type ListingEvent =
  | { type: 'desired'; input: DesiredListingInput }
  | {
      type: 'synced';
      detail: EventDetail<'ListingSynced'>;
      stockVersion?: number | undefined;
      quantity?: number | undefined;
    }
  | { type: 'failed'; detail: EventDetail<'ListingFailed'> }
  | { type: 'banned'; detail: EventDetail<'MarketplaceItemBanned'>; productId: string; producerId: string };

export type ListingDecision =
  | { kind: 'applied'; next: ListingRecord }
  | { kind: 'stale' }
  | { kind: 'duplicate' };
type Fields = Omit<ListingRecord, 'status' | 'revision'>;
type Verdict = { kind: 'stale' } | { kind: 'duplicate' } | { kind: 'change'; fields: Fields };

/**
 * Listing changes, pure. The desired state has two facets, each ordered by its own version: what to list
 * and at which price (ledger product version) and how many units to show (stock version). The synced state
 * is ordered by the product version it was made from, then its time. Status is derived, never stored apart.
 */
export function decideListingChange(
  current: ListingRecord | undefined,
  event: ListingEvent,
): ListingDecision {
  const verdict = judge(current, event);
  if (verdict.kind !== 'change') return verdict;
  const fields = verdict.fields;
  return {
    kind: 'applied',
    next: { ...fields, status: listingStatus(fields), revision: (current?.revision ?? 0) + 1 },
  };
}

function judge(current: ListingRecord | undefined, event: ListingEvent): Verdict {
  switch (event.type) {
    case 'desired':
      return desired(current, event.input);
    case 'synced':
      return synced(current, event.detail, event.stockVersion, event.quantity);
    case 'failed':
      return failed(current, event.detail);
    case 'banned':
      return banned(current, event);
  }
}

function base(
  current: ListingRecord | undefined,
  ids: Pick<Fields, 'productId' | 'producerId' | 'channel'>,
): Fields {
  if (current === undefined)
    return { productId: ids.productId, producerId: ids.producerId, channel: ids.channel };
  const { status: _status, revision: _revision, ...fields } = current;
  return { ...fields, producerId: ids.producerId };
}

function desired(current: ListingRecord | undefined, input: DesiredListingInput): Verdict {
  const listingNewer =
    input.listing !== undefined && input.listing.productVersion > (current?.desired?.productVersion ?? 0);
  const stockNewer =
    input.stock !== undefined && input.stock.stockVersion > (current?.desiredStock?.stockVersion ?? -1);
  if (!listingNewer && !stockNewer) {
    const same = sameJson(input.listing, current?.desired) || sameJson(input.stock, current?.desiredStock);
    return { kind: same ? 'duplicate' : 'stale' };
  }
  const fields = base(current, input);
  return {
    kind: 'change',
    fields: {
      ...fields,
      ...(listingNewer ? { desired: input.listing } : {}),
      ...(stockNewer ? { desiredStock: input.stock } : {}),
    },
  };
}

function synced(
  current: ListingRecord | undefined,
  detail: EventDetail<'ListingSynced'>,
  stockVersion?: number,
  quantity?: number,
): Verdict {
  const last = current?.synced;
  if (
    last !== undefined &&
    last.productVersion === detail.productVersion &&
    last.syncedAt === detail.syncedAt
  ) {
    return { kind: 'duplicate' };
  }
  const newer =
    last === undefined ||
    detail.productVersion > last.productVersion ||
    (detail.productVersion === last.productVersion && detail.syncedAt > last.syncedAt);
  if (!newer) return { kind: 'stale' };
  const { externalItemId, status, productVersion, syncedAt } = detail;
  const syncedState = {
    externalItemId,
    status,
    productVersion,
    syncedAt,
    stockVersion: stockVersion ?? last?.stockVersion,
    // Only a stock push says what the channel shows; any other sync (a listing created or updated) may
    // have changed it, so the number is forgotten and the next stock push goes out whatever it is.
    ...(quantity === undefined ? {} : { quantity }),
  };
  return { kind: 'change', fields: { ...base(current, detail), synced: syncedState } };
}

function failed(current: ListingRecord | undefined, detail: EventDetail<'ListingFailed'>): Verdict {
  const last = current?.failure;
  if (
    last !== undefined &&
    last.productVersion === detail.productVersion &&
    last.failedAt === detail.failedAt
  ) {
    return { kind: 'duplicate' };
  }
  const olderThanSync =
    current?.synced !== undefined && detail.productVersion < current.synced.productVersion;
  const olderThanFailure =
    last !== undefined &&
    (last.productVersion > detail.productVersion ||
      (last.productVersion === detail.productVersion && last.failedAt > detail.failedAt));
  if (olderThanSync || olderThanFailure) return { kind: 'stale' };
  const failure = { ...detail.failure, productVersion: detail.productVersion, failedAt: detail.failedAt };
  return { kind: 'change', fields: { ...base(current, detail), failure } };
}

function banned(
  current: ListingRecord | undefined,
  event: Extract<ListingEvent, { type: 'banned' }>,
): Verdict {
  const { externalItemId, reason, bannedAt } = event.detail;
  const last = current?.ban;
  if (last !== undefined && last.bannedAt === bannedAt && last.externalItemId === externalItemId)
    return { kind: 'duplicate' };
  if (last !== undefined && last.bannedAt > bannedAt) return { kind: 'stale' };
  const ids = { productId: event.productId, producerId: event.producerId, channel: event.detail.channel };
  return { kind: 'change', fields: { ...base(current, ids), ban: { externalItemId, reason, bannedAt } } };
}

/**
 * Whether a sync is due: the desired state was planned from a newer product or stock version than the one
 * the marketplace last accepted. A sync compares versions, never contents, to tell "already done".
 */
export function needsSync(listing: Pick<ListingRecord, 'desired' | 'desiredStock' | 'synced'>): boolean {
  const { desired: wanted, desiredStock, synced: done } = listing;
  if (wanted === undefined) return false;
  if (done === undefined) return wanted.state !== 'delisted';
  if (wanted.productVersion > done.productVersion) return true;
  const stockBehind = desiredStock !== undefined && desiredStock.stockVersion > (done.stockVersion ?? -1);
  return stockBehind && wanted.state === 'listed';
}

/** banned (until a later sync) › failed (for the current plan) › pending (sync due) › what was last synced. */
export function listingStatus(listing: Fields): ListingStatus {
  const { ban, failure, synced: done, desired: wanted } = listing;
  if (ban !== undefined && !(done !== undefined && done.syncedAt > ban.bannedAt)) return 'banned';
  const failureCurrent =
    failure !== undefined &&
    failure.productVersion >= (wanted?.productVersion ?? 0) &&
    !(
      done !== undefined &&
      done.productVersion >= failure.productVersion &&
      done.syncedAt > failure.failedAt
    );
  if (failureCurrent) return 'failed';
  if (needsSync(listing) || done === undefined) return 'pending';
  return done.status;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
