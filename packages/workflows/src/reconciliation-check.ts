import type { driftActions } from '@ocop-sync/domain';
import type { DriftEpisode, Ledger, Listing } from '@ocop-sync/ledger';
import type { MarketplaceListing } from '@ocop-sync/marketplaces';
import { type ActDeps, type ActOutcome, adoptBan, relist, rePush } from './reconciliation-act.js';
import { classifyDrift, type Difference } from './reconciliation-classify.js';
import type { ListingUnderCheck } from './reconciliation-expected.js';
import { campaignLocked, type Plan, planFor } from './reconciliation-policy.js';
import type { CheckTally } from './reconciliation-report.js';

type DriftAction = (typeof driftActions)[number];

export interface CheckDeps extends ActDeps {
  ledger: ActDeps['ledger'] & Pick<Ledger, 'recordReadBack'>;
  logger?: { warn(message: string, attributes: Record<string, unknown>): void };
}

/**
 * One listing: classify the read-back, plan from the episode so far, claim the listing by recording the plan
 * (a conditional write: a concurrent run that read the same revision gets a conflict and leaves it), act, and
 * settle the episode when the marketplace refused. Undefined when another writer got there first.
 */
export async function checkListing(
  deps: CheckDeps,
  work: ListingUnderCheck,
  actual: MarketplaceListing | undefined,
  runId: string,
): Promise<CheckTally | undefined> {
  const now = deps.clock();
  const finding = classifyDrift(work.expected, actual);
  const plan = planFor(finding, work.listing.readBack?.drift, now);
  const claimed = await record(deps, work.listing, runId, plan.episode);
  if (claimed === undefined) return undefined;
  const differences = finding.inSync ? [] : finding.differences;
  const outcome = await act(deps, work, plan, differences, actual);
  let episode = plan.episode;
  let notify = plan.notify;
  let note: string | undefined;
  if (episode !== undefined && outcome.kind === 'campaign-locked') {
    const locked = campaignLocked(episode, now);
    ({ episode } = locked);
    notify ||= locked.notify;
    note = outcome.message;
    await record(deps, claimed, runId, episode);
  } else if (episode !== undefined && outcome.kind === 'refused') {
    notify ||= !episode.needsHuman;
    episode = { ...episode, needsHuman: true, reported: true };
    note = outcome.message;
    await record(deps, claimed, runId, episode);
  } else if (outcome.kind === 'retry-later') {
    deps.logger?.warn('reconciliation action not done; a later run tries again', {
      productId: work.listing.productId,
      channel: work.listing.channel,
      reason: outcome.message,
    });
  }
  if (notify && episode !== undefined) {
    await publishDrift(deps, work, { episode, differences, runId, action: actionOf(plan, outcome, episode) });
  }
  return {
    productId: work.listing.productId,
    sellerSku: work.ref.sellerSku,
    inSync: finding.inSync,
    corrected: outcome.kind === 'done' && plan.action !== 'none' && plan.action !== 'wait',
    episode,
    differences,
    ...(note === undefined ? {} : { note }),
  };
}

async function record(
  deps: CheckDeps,
  listing: Listing,
  runId: string,
  drift: DriftEpisode | undefined,
): Promise<Listing | undefined> {
  const result = await deps.ledger.recordReadBack({
    productId: listing.productId,
    channel: listing.channel,
    revision: listing.revision,
    readBack: { checkedAt: deps.clock().toISOString(), runId, ...(drift === undefined ? {} : { drift }) },
  });
  return result.outcome === 'applied' ? result.listing : undefined;
}

async function act(
  deps: CheckDeps,
  work: ListingUnderCheck,
  plan: Plan,
  differences: readonly Difference[],
  actual: MarketplaceListing | undefined,
): Promise<ActOutcome> {
  switch (plan.action) {
    case 're-push':
      return rePush(deps, work, differences);
    case 'relist':
      return relist(deps, work);
    case 'adopt-ban':
      return adoptBan(deps, work, `found banned on read-back (${actual?.marketplaceStatus ?? 'banned'})`);
    default:
      return { kind: 'done' };
  }
}

function actionOf(plan: Plan, outcome: ActOutcome, episode: DriftEpisode): DriftAction {
  if (episode.needsHuman && plan.action !== 'adopt-ban') return 'needs-human';
  if (outcome.kind !== 'done') return 'waiting';
  switch (plan.action) {
    case 're-push':
      return 're-pushed';
    case 'relist':
      return 'relisted';
    case 'adopt-ban':
      return 'ban-adopted';
    default:
      return 'waiting';
  }
}

async function publishDrift(
  deps: CheckDeps,
  work: ListingUnderCheck,
  found: { episode: DriftEpisode; differences: readonly Difference[]; runId: string; action: DriftAction },
): Promise<void> {
  const { listing, ref } = work;
  await deps.publisher.publish([
    {
      detailType: 'ListingDriftDetected',
      detail: {
        productId: listing.productId,
        producerId: listing.producerId,
        channel: listing.channel,
        sellerSku: ref.sellerSku,
        externalItemId: ref.externalItemId,
        driftClass: found.episode.driftClass,
        differences: found.differences.map(asEventDifference),
        action: found.action,
        attempts: found.episode.attempts,
        runId: found.runId,
        detectedAt: deps.clock().toISOString(),
      },
    },
  ]);
}

/** The catalogue keeps texts to 300 characters and never empty: a marketplace's blank title is left out. */
function asEventDifference({ field, expected, actual }: Difference) {
  const clip = (value: number | string) => (typeof value === 'string' ? value.slice(0, 300) : value);
  const shown = typeof actual === 'string' && actual.trim() === '' ? undefined : actual;
  return { field, expected: clip(expected), ...(shown === undefined ? {} : { actual: clip(shown) }) };
}
