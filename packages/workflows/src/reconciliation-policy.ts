import type { DriftClass } from '@ocop-sync/domain';
import type { DriftEpisode } from '@ocop-sync/ledger';
import type { Difference, Finding } from './reconciliation-classify.js';

/** Re-pushes per listing per drift episode before a person is asked to look. */
export const MAX_REPUSH_ATTEMPTS = 3;
/** Back-off between re-pushes of one episode: 15 min (one schedule period), then doubling. */
export const REPUSH_BACKOFF_BASE_MS = 15 * 60_000;
/** A campaign lock is probed with one push this long after the last refusal (promotions last hours to days). */
export const CAMPAIGN_PROBE_AFTER_MS = 6 * 3600_000;

/** What a run does to one listing: push again, list again, adopt a ban, or leave it (waiting or for a human). */
export type PlannedAction = 're-push' | 'relist' | 'adopt-ban' | 'wait' | 'needs-human' | 'none';

export interface Plan {
  action: PlannedAction;
  /** The episode to record before acting (undefined: in sync, any episode ends). */
  episode: DriftEpisode | undefined;
  /** Publish ListingDriftDetected now (at most once per episode, plus once when it comes to need a human). */
  notify: boolean;
}

/** Classes the producer hears about as soon as they are found; the others only once they need a person. */
const notifiedOnDetection: ReadonlySet<DriftClass> = new Set([
  'changed-by-hand',
  'price-mismatch',
  'banned',
  'campaign-locked',
]);

/**
 * The action for one finding, pure, given the listing's episode so far: the ledger-kept episode (attempts,
 * last attempt, reported, needs-human) is what makes a second run, or a concurrent one, do nothing new.
 * - not-applied, changed-by-hand, price-mismatch: re-push, at most {@link MAX_REPUSH_ATTEMPTS} times with
 *   back-off, then needs a human;
 * - missing: list again once, then needs a human;
 * - banned: adopt the ban (the listing then leaves the read-back index);
 * - campaign-locked: a stock drift while the episode is campaign-locked stays in it; one probe push after
 *   {@link CAMPAIGN_PROBE_AFTER_MS}, otherwise wait. Never reported twice.
 */
export function planFor(finding: Finding, previous: DriftEpisode | undefined, now: Date): Plan {
  if (finding.inSync) return { action: 'none', episode: undefined, notify: false };
  const episode = continueOrStart(finding, previous, now);
  const decided = decide(episode, now);
  const next: DriftEpisode = {
    ...episode,
    fields: finding.differences.map((difference) => difference.field),
    ...(decided.attempt ? { attempts: episode.attempts + 1, lastAttemptAt: now.toISOString() } : {}),
    needsHuman: decided.needsHuman,
  };
  const notify =
    (!episode.reported && notifiedOnDetection.has(episode.driftClass)) ||
    (!episode.needsHuman && next.needsHuman);
  return { action: decided.action, episode: { ...next, reported: episode.reported || notify }, notify };
}

/** The episode after a push the marketplace refused because a campaign holds the stock. */
export function campaignLocked(episode: DriftEpisode, now: Date): { episode: DriftEpisode; notify: boolean } {
  const notify = episode.driftClass !== 'campaign-locked' || !episode.reported;
  return {
    episode: {
      ...episode,
      driftClass: 'campaign-locked',
      needsHuman: true,
      reported: true,
      lastAttemptAt: now.toISOString(),
      ...(episode.driftClass === 'campaign-locked' ? {} : { since: now.toISOString() }),
    },
    notify,
  };
}

function continueOrStart(
  finding: Extract<Finding, { inSync: false }>,
  previous: DriftEpisode | undefined,
  now: Date,
): DriftEpisode {
  if (previous !== undefined) {
    const same = previous.driftClass === finding.driftClass;
    const stillLocked = previous.driftClass === 'campaign-locked' && stockOnly(finding.differences);
    if (same || stillLocked) return previous;
  }
  return {
    driftClass: finding.driftClass,
    fields: [],
    since: now.toISOString(),
    attempts: 0,
    reported: false,
    needsHuman: false,
  };
}

function decide(
  episode: DriftEpisode,
  now: Date,
): { action: PlannedAction; attempt: boolean; needsHuman: boolean } {
  const sinceLast =
    episode.lastAttemptAt === undefined
      ? Number.POSITIVE_INFINITY
      : now.getTime() - Date.parse(episode.lastAttemptAt);
  switch (episode.driftClass) {
    case 'banned':
      return { action: 'adopt-ban', attempt: false, needsHuman: true };
    case 'missing':
      return episode.attempts === 0
        ? { action: 'relist', attempt: true, needsHuman: false }
        : { action: 'needs-human', attempt: false, needsHuman: true };
    case 'campaign-locked':
      return sinceLast >= CAMPAIGN_PROBE_AFTER_MS
        ? { action: 're-push', attempt: true, needsHuman: true }
        : { action: 'wait', attempt: false, needsHuman: true };
    default: {
      if (episode.attempts >= MAX_REPUSH_ATTEMPTS)
        return { action: 'needs-human', attempt: false, needsHuman: true };
      const due = episode.attempts === 0 || sinceLast >= REPUSH_BACKOFF_BASE_MS * 2 ** (episode.attempts - 1);
      return due
        ? { action: 're-push', attempt: true, needsHuman: false }
        : { action: 'wait', attempt: false, needsHuman: false };
    }
  }
}

const stockOnly = (differences: readonly Difference[]) =>
  differences.length > 0 && differences.every((difference) => difference.field === 'stock');
