import { randomUUID } from 'node:crypto';
import type { Ledger } from '@ocop-sync/ledger';
import {
  type MarketplaceAdapter,
  NeedsHumanError,
  PermanentError,
  StockLockedByCampaignError,
} from '@ocop-sync/marketplaces';
import type { EventPublisher } from '@ocop-sync/runtime';
import type { Difference } from './reconciliation-classify.js';
import type { ListingUnderCheck } from './reconciliation-expected.js';

export interface ActDeps {
  ledger: Pick<
    Ledger,
    'recordListingSynced' | 'recordListingBanned' | 'takeCreationLease' | 'releaseCreationLease'
  >;
  adapter: MarketplaceAdapter;
  publisher: EventPublisher;
  clock: () => Date;
}

/** How an action ended: done, refused by a campaign lock, refused for good (a person must look), or not now. */
export type ActOutcome =
  | { kind: 'done' }
  | { kind: 'campaign-locked'; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'retry-later'; message: string };

/** Longer than one relist takes, so a listing-sync creating the same item waits for us (and we for it). */
const RELIST_LEASE_SECONDS = 120;

/**
 * Pushes the ledger's values again: the stock alone with `setStock` (the ledger is the truth for stock), or the
 * whole listing with `upsertListing` when price, title or status differ. The push is recorded as a sync, which
 * makes the listing due for read-back again, so the next run verifies it took.
 */
export async function rePush(
  deps: ActDeps,
  work: ListingUnderCheck,
  differences: readonly Difference[],
): Promise<ActOutcome> {
  return guarded(async () => {
    const stockOnly = differences.every((difference) => difference.field === 'stock');
    if (stockOnly || work.draft === undefined) {
      await deps.adapter.setStock(work.account, work.ref, work.available.available);
    } else {
      await deps.adapter.upsertListing(work.account, work.draft, work.ref);
      // The draft is the current product's: record the version it was made from.
      return void (await recordSynced(deps, work, work.ref.externalItemId, work.product.version));
    }
    await recordSynced(deps, work, work.ref.externalItemId, work.listing.synced.productVersion);
  });
}

/** Lists the item again under the creation lease (a listing-sync may be creating it at the same moment). */
export async function relist(deps: ActDeps, work: ListingUnderCheck): Promise<ActOutcome> {
  const { draft } = work;
  if (draft === undefined) return { kind: 'refused', message: 'the product cannot be mapped to a listing' };
  const lease = { productId: work.product.productId, channel: work.ref.channel, holder: randomUUID() };
  if (!(await deps.ledger.takeCreationLease({ ...lease, leaseSeconds: RELIST_LEASE_SECONDS }))) {
    return { kind: 'retry-later', message: 'another worker is creating the item' };
  }
  try {
    return await guarded(async () => {
      const upserted = await deps.adapter.upsertListing(work.account, draft, work.ref);
      const detail = await recordSynced(deps, work, upserted.externalItemId, work.product.version);
      await deps.publisher.publish([{ detailType: 'ListingSynced', detail }]);
    });
  } finally {
    await deps.ledger.releaseCreationLease(lease);
  }
}

/** The ledger adopts the ban through the same path as a marketplace's ban push (MarketplaceItemBanned). */
export async function adoptBan(deps: ActDeps, work: ListingUnderCheck, reason: string): Promise<ActOutcome> {
  const result = await deps.ledger.recordListingBanned({
    channel: work.ref.channel,
    shopId: work.ref.shopId,
    externalItemId: work.ref.externalItemId,
    sellerSku: work.ref.sellerSku,
    reason,
    bannedAt: deps.clock().toISOString(),
  });
  return result.outcome === 'rejected'
    ? { kind: 'retry-later', message: `ban not recorded: ${result.reason}` }
    : { kind: 'done' };
}

async function recordSynced(
  deps: ActDeps,
  work: ListingUnderCheck,
  externalItemId: string,
  productVersion: number,
) {
  const { listing, available } = work;
  const detail = {
    productId: listing.productId,
    producerId: listing.producerId,
    channel: listing.channel,
    productVersion,
    externalItemId,
    status: 'live' as const,
    syncedAt: deps.clock().toISOString(),
  };
  await deps.ledger.recordListingSynced(detail, { stockVersion: available.stockVersion });
  return detail;
}

/** Marketplace refusals become outcomes; a retryable error (throttled, outage) waits for a later run. */
async function guarded(push: () => Promise<void>): Promise<ActOutcome> {
  try {
    await push();
    return { kind: 'done' };
  } catch (error) {
    if (error instanceof StockLockedByCampaignError)
      return { kind: 'campaign-locked', message: error.marketplaceMessage };
    if (error instanceof PermanentError || error instanceof NeedsHumanError)
      return { kind: 'refused', message: error.humanMessage.en };
    if (error instanceof Error) return { kind: 'retry-later', message: error.message };
    throw error;
  }
}
