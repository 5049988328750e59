import {
  type CertificateStatus,
  type Channel,
  type ChannelPlanInput,
  certificateStatus,
  type DesiredListing,
  isCertified,
  type KnownListing,
  type PlannedListing,
  planChannels,
  vietnamDate,
} from '@ocop-sync/domain';
import type { ChannelAccount, Ledger, Listing, Product } from '@ocop-sync/ledger';
import type { EventPublisher, PublishEntry } from '@ocop-sync/runtime';
import { RetryableCertificationError } from './certification-errors.js';

/** What the certification workflow needs: the ledger, somewhere to publish, and a clock (tests pin it). */
export interface CertificationDeps {
  ledger: Ledger;
  publisher: EventPublisher;
  now: () => Date;
}

/** Why a product is being re-planned; carried into each ListingRequested. */
export type PlanTrigger = ChannelPlanInput['trigger'];

type ListingRequestedEntry = Extract<PublishEntry, { detailType: 'ListingRequested' }>;

const desiredStates = { live: 'listed', paused: 'paused', delisted: 'delisted' } as const satisfies Record<
  DesiredListing,
  string
>;

/**
 * Plans every channel of one product from the ledger (certificate, season, linked shops, listings), records
 * each planned channel's desired state, then publishes one ListingRequested per planned channel.
 * Request ids are `${productId}.${channel}.v${productVersion}.${action}`, so a replay publishes the same ids
 * and listing-sync drops the repeats. `producerAccounts`, when given, are the producer's channel accounts as
 * read in this same invocation (one read for all the products of a linking event).
 *
 * @example
 * const requests = await replanProduct(deps, product, 'certified'); // [] when every channel is as planned
 */
export async function replanProduct(
  deps: CertificationDeps,
  product: Product,
  trigger: PlanTrigger,
  producerAccounts?: readonly ChannelAccount[],
): Promise<ListingRequestedEntry[]> {
  // Listings and accounts in one read, unless the caller has the accounts already.
  const { accounts, listings } =
    producerAccounts === undefined
      ? await deps.ledger.getPlanningState(product.productId, product.producerId)
      : { accounts: producerAccounts, listings: await deps.ledger.listListings(product.productId) };
  const now = deps.now();
  const plan = planChannels(planInput(product, now, accounts, listings, trigger));
  const entries: ListingRequestedEntry[] = [];
  for (const planned of plan) {
    // The listing as just read lets the ledger write without reading it again (it re-reads if it changed).
    const basedOn = listings.find((listing) => listing.channel === planned.channel) ?? null;
    if (await recordDesired(deps.ledger, product, planned, basedOn))
      entries.push(requestFor(product, planned, now));
  }
  if (entries.length > 0) await deps.publisher.publish(entries);
  return entries;
}

function planInput(
  product: Product,
  now: Date,
  accounts: readonly ChannelAccount[],
  listings: readonly Listing[],
  trigger: PlanTrigger,
): ChannelPlanInput {
  const today = vietnamDate(now);
  const status = statusOf(product, today);
  // A shop the producer disconnected is no longer ours to manage: the disconnection delisted its listings
  // first if the producer asked, or they were kept on purpose. Only an ended certificate still plans their
  // delist (listing-sync then reports shop-not-linked: a person must take them down).
  const released = new Set(
    accounts.filter((account) => account.status === 'unlinked').map(({ channel }) => channel),
  );
  const known: Partial<Record<Channel, KnownListing>> = {};
  for (const listing of listings) {
    if (released.has(listing.channel) && isCertified(status)) continue;
    known[listing.channel] = knownListing(listing, product.version);
  }
  return {
    productVersion: product.version,
    group: product.details.group,
    certificateStatus: status,
    seasonWindows: product.details.seasonWindows,
    month: Number(today.slice(5, 7)),
    linkedChannels: accounts.filter((account) => account.status === 'linked').map(({ channel }) => channel),
    listings: known,
    trigger,
  };
}

/** The date decides, except that the ledger's own marks (revoked, swept as expired) are final for this certificate. */
function statusOf(product: Product, today: string): CertificateStatus {
  if (product.status === 'expired') return 'expired';
  return certificateStatus(product.certificate, today, product.status === 'revoked');
}

/**
 * What the channel holds, as the plan for `productVersion` must see it. A desired state planned from this
 * very version is left out: it is this plan's own earlier output, and ignoring it makes the plan the same
 * on every replay (the crash-after-write case). Bans and failures come first, as the ledger ranks them.
 */
export function knownListing(listing: Listing, productVersion: number): KnownListing {
  const synced = listing.synced;
  if (listing.status === 'banned') return { status: 'banned', productVersion: synced?.productVersion ?? 0 };
  if (listing.status === 'failed' && listing.failure)
    return { status: 'failed', productVersion: listing.failure.productVersion };
  const wanted = listing.desired;
  const inFlight =
    wanted !== undefined &&
    wanted.productVersion < productVersion &&
    wanted.productVersion > (synced?.productVersion ?? 0);
  if (inFlight) {
    // An earlier plan not yet synced: the channel is on its way to that state.
    return {
      status: wanted.state === 'listed' ? 'pending' : wanted.state,
      productVersion: wanted.productVersion,
    };
  }
  if (synced) return { status: synced.status, productVersion: synced.productVersion };
  return { status: 'none', productVersion: 0 };
}

/** Records the desired state; false when a newer plan is already recorded (this one must not be published). */
async function recordDesired(
  ledger: Ledger,
  product: Product,
  planned: PlannedListing,
  basedOn: Listing | null,
): Promise<boolean> {
  const listing = {
    state: desiredStates[planned.desired],
    priceVnd: product.details.priceVnd,
    productVersion: product.version,
  };
  const result = await ledger.setDesiredListing(
    { productId: product.productId, producerId: product.producerId, channel: planned.channel, listing },
    { basedOn },
  );
  if (result.outcome === 'rejected') {
    // Cannot happen for a product just read from the ledger; if it does, it needs a human (the DLQ), not a retry loop.
    if (!result.retryable)
      throw new Error(`desired listing refused for ${product.productId}: ${result.reason}`);
    throw new RetryableCertificationError(`desired listing refused: ${result.reason}`, {
      detailType: 'ListingRequested',
      reason: result.reason,
      productId: product.productId,
    });
  }
  // Stale at the same version is a channel-only change (a shop linked or unlinked): the desired facet is
  // versioned by product version alone, so the ledger keeps the earlier state, but the request still goes out.
  return result.outcome !== 'stale' || (result.listing.desired?.productVersion ?? 0) <= product.version;
}

function requestFor(product: Product, planned: PlannedListing, now: Date): ListingRequestedEntry {
  const { channel, action } = planned;
  // One trigger covers a whole linking event; a delist it causes is the shop being unlinked.
  const reason =
    action === 'delist' && planned.reason === 'channel-linked' ? 'channel-unlinked' : planned.reason;
  return {
    detailType: 'ListingRequested',
    detail: {
      productId: product.productId,
      producerId: product.producerId,
      channel,
      productVersion: product.version,
      requestId: `${product.productId}.${channel}.v${product.version}.${action}`,
      action,
      reason,
      requestedAt: now.toISOString(),
    },
  };
}
