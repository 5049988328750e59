import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Channel } from '@ocop-sync/domain';
import type { Ledger, Listing, ReconciliationReport } from '@ocop-sync/ledger';
import type {
  ListingRef,
  MarketplaceAdapter,
  MarketplaceListing,
  ShopAccount,
} from '@ocop-sync/marketplaces';
import type { EventPublisher } from '@ocop-sync/runtime';
import { checkListing } from './reconciliation-check.js';
import { expectedFor, type ListingUnderCheck } from './reconciliation-expected.js';
import { createPacer, LISTINGS_PER_READ, type Pacer, readsFor } from './reconciliation-pacing.js';
import { createReportBuilder } from './reconciliation-report.js';

export interface ReconciliationLogger {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
}

/** What a reconciliation run needs; every part injected (DynamoDB Local, a sandbox over HTTP, a bus in tests). */
export interface ReconciliationDeps {
  ledger: Pick<
    Ledger,
    | 'listingsToCheck'
    | 'recordReadBack'
    | 'recordReconciliationReport'
    | 'getProduct'
    | 'availableToSell'
    | 'recordListingSynced'
    | 'recordListingBanned'
    | 'takeCreationLease'
    | 'releaseCreationLease'
  >;
  adapter: MarketplaceAdapter;
  /** The producer's linked shop on the channel, with its token store; undefined when not linked. */
  accountFor(producerId: string, channel: Channel): Promise<ShopAccount | undefined>;
  publisher: EventPublisher;
  /** The business clock (episodes, back-off, recorded times). */
  clock: () => Date;
  logger?: ReconciliationLogger;
  /** Pacing's own wall clock and wait; tests may replace them. */
  pacing?: { now(): number; sleep(ms: number): Promise<void> };
}

export interface ReconciliationOptions {
  channel: Channel;
  /** Marketplace read calls per minute this run may make (the rest of the rate limit is the syncs'). */
  readsPerMinute: number;
  /** Listings checked at most per run. */
  maxListingsPerRun: number;
  /** Epoch ms after which no further read is started (the Lambda's remaining time, less a margin). */
  deadline?: number;
  runId?: string;
  /** How long a stock push may be in flight before a lagging number counts as drift (default 15 min). */
  stockPushGraceMs?: number;
}

/** Listings whose expected state is loaded at once (a few ledger reads each). */
const LOAD_CONCURRENCY = 8;
/** Postmart reads one product a call: read a few per batch so the pacer spreads them. */
const BATCH_LISTINGS = 10;

/**
 * One reconciliation run of one channel: takes the next listings in read-back order (written since the last
 * check first, then the least recently checked), reads them back in batches paced within `readsPerMinute`,
 * classifies each difference, acts as the policy says, records each check on the listing and the run's report
 * in the ledger, and returns the report. Safe to run twice or concurrently: each listing's action is claimed
 * with a conditional write and bounded by its drift episode.
 *
 * @example
 * const report = await reconcileChannel(deps, { channel: 'shopee', readsPerMinute: 60, maxListingsPerRun: 500 });
 */
export async function reconcileChannel(
  deps: ReconciliationDeps,
  options: ReconciliationOptions,
): Promise<ReconciliationReport> {
  const { channel } = options;
  const startedAt = deps.clock();
  const runId = options.runId ?? `rcn-${channel}-${startedAt.getTime()}-${randomUUID().slice(0, 8)}`;
  const report = createReportBuilder(channel, runId, startedAt);
  const listings = await deps.ledger.listingsToCheck(channel, options.maxListingsPerRun);
  const works = await loadWorks(deps, listings, startedAt, options.stockPushGraceMs, runId);
  const wallClock = deps.pacing?.now ?? Date.now;
  const pacer = createPacer(options.readsPerMinute, wallClock, deps.pacing?.sleep ?? ((ms) => sleep(ms)));
  for (const batch of batchesByShop(works, channel)) {
    if (options.deadline !== undefined && wallClock() >= options.deadline) break;
    const held = await readBack(deps, pacer, batch);
    if (held === undefined) {
      await Promise.all(batch.map((work) => passOver(deps, work.listing, runId)));
      continue;
    }
    // Listings are independent (each claims its own item): a batch is checked at once.
    const tallies = await Promise.all(
      batch.map((work) => checkListing(deps, work, held.get(work.ref), runId)),
    );
    for (const tally of tallies) if (tally !== undefined) report.add(tally);
  }
  const finished = report.finish(deps.clock());
  await deps.ledger.recordReconciliationReport(finished);
  deps.logger?.info('reconciliation run done', { ...finished, humanItems: finished.humanItems.length });
  return finished;
}

async function loadWorks(
  deps: ReconciliationDeps,
  listings: readonly Listing[],
  now: Date,
  stockPushGraceMs: number | undefined,
  runId: string,
): Promise<ListingUnderCheck[]> {
  const works: ListingUnderCheck[] = [];
  for (let start = 0; start < listings.length; start += LOAD_CONCURRENCY) {
    const slice = listings.slice(start, start + LOAD_CONCURRENCY);
    const loaded = await Promise.all(
      slice.map(async (listing) => {
        const work = await expectedFor(deps, listing, now, stockPushGraceMs);
        // Nothing to compare (shop unlinked, product gone): moved back in the order so it cannot starve the rest.
        if (work === undefined) await passOver(deps, listing, runId);
        return work;
      }),
    );
    for (const work of loaded) if (work !== undefined) works.push(work);
  }
  return works;
}

/** One shop's listings per marketplace read call (the adapter reads a page per call where it can). */
function* batchesByShop(
  works: readonly ListingUnderCheck[],
  channel: Channel,
): Generator<ListingUnderCheck[]> {
  const byShop = new Map<string, ListingUnderCheck[]>();
  for (const work of works)
    byShop.set(work.account.shopId, [...(byShop.get(work.account.shopId) ?? []), work]);
  const size = Math.max(LISTINGS_PER_READ[channel], BATCH_LISTINGS);
  for (const shopWorks of byShop.values()) {
    for (let start = 0; start < shopWorks.length; start += size) yield shopWorks.slice(start, start + size);
  }
}

/** The marketplace's view of a batch, by the caller's ref; undefined when the read failed (a later run retries). */
async function readBack(
  deps: ReconciliationDeps,
  pacer: Pacer,
  batch: readonly ListingUnderCheck[],
): Promise<Map<ListingRef, MarketplaceListing> | undefined> {
  const first = batch[0];
  if (first === undefined) return undefined;
  const refs = batch.map((work) => work.ref);
  await pacer.take(readsFor(first.ref.channel, refs.length));
  try {
    const listings = await deps.adapter.getListings(first.account, refs);
    return new Map(listings.map((listing) => [listing.ref, listing]));
  } catch (error) {
    deps.logger?.warn('read-back failed; these listings are checked on a later run', {
      channel: first.ref.channel,
      shopId: first.account.shopId,
      listings: refs.length,
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

/**
 * Records a visit without a comparison, keeping any drift episode as it was: the listing moves to the back of
 * the rolling order, so listings that cannot be read (a revoked shop, an unmapped product) never hold the
 * head of the order against the rest. They come round again with the rolling slice.
 */
async function passOver(deps: ReconciliationDeps, listing: Listing, runId: string): Promise<void> {
  const drift = listing.readBack?.drift;
  await deps.ledger.recordReadBack({
    productId: listing.productId,
    channel: listing.channel,
    revision: listing.revision,
    readBack: { checkedAt: deps.clock().toISOString(), runId, ...(drift === undefined ? {} : { drift }) },
  });
}
