import type { Channel, ProductGroup, SeasonWindow } from '../schemas/product.js';
import { unshippableGroups } from '../schemas/product.js';
import type { listingRequested } from '../schemas/sync-events.js';
import { type CertificateStatus, isCertified } from './certificate-status.js';
import { isInSeason } from './season.js';

type ListingAction = (typeof listingRequested)['shape']['action']['options'][number];
type ListingReason = (typeof listingRequested)['shape']['reason']['options'][number];

/** What the ledger says should be on a channel. */
export type DesiredListing = 'live' | 'paused' | 'delisted';

/** What a channel holds for the product, as far as the ledger knows. */
export interface KnownListing {
  /** `none` when the product was never listed on the channel. */
  status: 'none' | 'pending' | 'live' | 'paused' | 'delisted' | 'failed' | 'banned';
  /** The product version the channel last accepted (or was asked for). */
  productVersion: number;
}

export interface ChannelPlanInput {
  productVersion: number;
  group: ProductGroup;
  certificateStatus: CertificateStatus;
  seasonWindows?: readonly SeasonWindow[] | undefined;
  /** Month (1-12) in Asia/Ho_Chi_Minh. */
  month: number;
  /** Channels the producer has a linked shop on. */
  linkedChannels: readonly Channel[];
  /** Every channel the product has or had a listing on. */
  listings: Partial<Record<Channel, KnownListing>>;
  /** Why the plan is being made (carried into ListingRequested for the producer's and operator's benefit). */
  trigger: ListingReason;
}

export interface PlannedListing {
  channel: Channel;
  desired: DesiredListing;
  action: ListingAction;
  reason: ListingReason;
}

/**
 * The channel plan: for every channel the product is or should be on, the action that brings the channel
 * to the desired state. Pure: the same input always gives the same plan, so replaying an event is safe.
 *
 * - Listed: certified (active or expiring), shippable (not a tourism service), on a linked channel, in season.
 * - Paused (unlisted but kept, so resuming is an update, not a new item): out of its season window.
 * - Delisted: revoked, expired, or the shop unlinked. A banned listing is left alone until a human acts.
 *
 * @example
 * planChannels({ ...input, certificateStatus: 'revoked' }) // every live channel → { action: 'delist' }
 */
export function planChannels(input: ChannelPlanInput): PlannedListing[] {
  const channels = new Set<Channel>([...input.linkedChannels, ...(Object.keys(input.listings) as Channel[])]);
  return [...channels].sort().flatMap((channel) => {
    const desired = desiredListing(input, channel);
    const action = actionFor(desired, input.listings[channel], input.productVersion);
    return action ? [{ channel, desired, action, reason: reasonFor(input, desired) }] : [];
  });
}

export function desiredListing(input: ChannelPlanInput, channel: Channel): DesiredListing {
  const sellable =
    isCertified(input.certificateStatus) &&
    !unshippableGroups.has(input.group) &&
    input.linkedChannels.includes(channel);
  if (!sellable) return 'delisted';
  return isInSeason(input.seasonWindows, input.month) ? 'live' : 'paused';
}

function actionFor(
  desired: DesiredListing,
  known: KnownListing | undefined,
  productVersion: number,
): ListingAction | undefined {
  const status = known?.status ?? 'none';
  if (status === 'banned') return undefined;
  if (desired === 'delisted') return status === 'none' || status === 'delisted' ? undefined : 'delist';
  if (desired === 'paused') return status === 'live' || status === 'pending' ? 'pause' : undefined;
  if (status === 'none' || status === 'delisted' || status === 'paused') return 'list';
  const newer = known !== undefined && known.productVersion < productVersion;
  // A listing the marketplace refused is retried only when the details changed (the field may be fixed).
  if (status === 'failed') return newer ? 'list' : undefined;
  return newer ? 'update' : undefined;
}

function reasonFor(input: ChannelPlanInput, desired: DesiredListing): ListingReason {
  if (desired === 'paused') return 'out-of-season';
  if (input.certificateStatus === 'revoked') return 'revoked';
  if (input.certificateStatus === 'expired') return 'expired';
  return input.trigger;
}
