import type { Channel, EventDetail } from '@ocop-sync/domain';
import type { LedgerContext } from './context.js';
import { putAtRevision } from './idempotency.js';
import { byArea, byProducer, type ItemKey, listingKey, productPk, sortKeys } from './keys.js';
import { decideListingChange, type ListingDecision, type ListingEvent } from './listing-rules.js';
import type { Lookups } from './lookups.js';
import { readBackKeys } from './read-back-order.js';
import { type ListingRecord, listingRecord } from './records.js';
import { conflict, retryOnConflict } from './retry.js';
import { parseStored, type StoredItem } from './store.js';
import { ledgerTable } from './table-definition.js';
import type { Listing, ListingChangeResult } from './types.js';

const { indexes } = ledgerTable;

/**
 * The listing as the caller read it a moment ago in the same invocation (`null`: read as absent). A change
 * decided on it is written at its revision (or only if still absent), so a listing that changed meanwhile
 * fails the condition and the next attempt reads it afresh; a change it does not call for is decided again
 * on a fresh read, so only writes ever rest on it.
 */
export type ListingBasis = ListingRecord | null;

/**
 * Reads the listing, decides, and writes it back only if nobody changed it meanwhile (two requests; one when
 * the caller passes the listing it has just read as `basis`).
 */
export async function changeListing(
  context: LedgerContext,
  productId: string,
  channel: Channel,
  event: ListingEvent,
  basis?: ListingBasis,
): Promise<ListingChangeResult> {
  const key = listingKey(productId, channel);
  // The basis serves the first attempt only: a conflict means the listing is no longer what was read.
  let known =
    basis === undefined || !matches(basis, productId, channel) ? undefined : { listing: basis ?? undefined };
  return retryOnConflict(`listing-${event.type}`, context, async () => {
    const { current, decision } = await readAndDecide(context, key, event, known);
    known = undefined;
    if (decision.kind !== 'applied') {
      if (current === undefined) return { outcome: 'rejected', reason: 'unknown-listing', retryable: false };
      return { outcome: decision.kind, listing: current };
    }
    const item = putAtRevision(
      context.store.tableName,
      listingItem(decision.next),
      'revision',
      current?.revision,
    );
    const written = await context.store.transactWrite([item]);
    return written.ok ? { outcome: 'applied', listing: decision.next } : conflict;
  });
}

async function readAndDecide(
  context: LedgerContext,
  key: ItemKey,
  event: ListingEvent,
  known: { listing: ListingRecord | undefined } | undefined,
): Promise<{ current: ListingRecord | undefined; decision: ListingDecision }> {
  if (known !== undefined) {
    const decision = decideListingChange(known.listing, event);
    // Only a write may rest on the caller's read: its condition (same revision, or still absent) checks it.
    if (decision.kind === 'applied') return { current: known.listing, decision };
  }
  const current = await context.store.get(key, listingRecord);
  return { current, decision: decideListingChange(current, event) };
}

const matches = (basis: ListingBasis, productId: string, channel: Channel) =>
  basis === null || (basis.productId === productId && basis.channel === channel);

/** A marketplace ban names its item; the listing is found by item id, or by the shop's SKU. */
export async function recordBan(
  context: LedgerContext,
  lookups: Lookups,
  detail: EventDetail<'MarketplaceItemBanned'>,
): Promise<ListingChangeResult> {
  const producerId = await lookups.producerOfShop(detail.channel, detail.shopId);
  if (producerId === undefined) return { outcome: 'rejected', reason: 'unknown-listing', retryable: true };
  const byItem = await lookups.productOfItem(detail.channel, detail.externalItemId);
  const productId =
    byItem ??
    (detail.sellerSku === undefined ? undefined : await lookups.productOfSku(producerId, detail.sellerSku));
  if (productId === undefined) return { outcome: 'rejected', reason: 'unknown-listing', retryable: true };
  return changeListing(context, productId, detail.channel, { type: 'banned', detail, productId, producerId });
}

export function getListing(
  context: LedgerContext,
  productId: string,
  channel: Channel,
): Promise<Listing | undefined> {
  return context.store.get(listingKey(productId, channel), listingRecord);
}

export async function listListings(context: LedgerContext, productId: string): Promise<Listing[]> {
  const items = await context.store.query(undefined, {
    keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
    names: {},
    values: { ':pk': productPk(productId), ':prefix': sortKeys.listingPrefix },
  });
  return items.map((item) => parseStored(item, listingRecord));
}

export async function listListingsByProducer(context: LedgerContext, producerId: string): Promise<Listing[]> {
  const items = await context.store.query(indexes.byProducer.name, {
    keyCondition: '#pk = :pk AND begins_with(#sk, :prefix)',
    names: { '#pk': indexes.byProducer.partitionKey, '#sk': indexes.byProducer.sortKey },
    values: { ':pk': byProducer.pk(producerId), ':prefix': byProducer.listingPrefix },
  });
  return items.map((item) => parseStored(item, listingRecord));
}

export function listingItem(listing: ListingRecord): StoredItem {
  const itemId = listing.synced?.externalItemId ?? listing.ban?.externalItemId;
  return {
    ...listingKey(listing.productId, listing.channel),
    entity: 'listing',
    ...listing,
    [indexes.byProducer.partitionKey]: byProducer.pk(listing.producerId),
    [indexes.byProducer.sortKey]: byProducer.listingSk(listing.channel, listing.productId),
    ...(itemId === undefined
      ? {}
      : {
          [indexes.byArea.partitionKey]: byArea.itemPk(listing.channel, itemId),
          [indexes.byArea.sortKey]: `LISTING#${listing.productId}`,
        }),
    ...readBackKeys(listing),
  };
}
