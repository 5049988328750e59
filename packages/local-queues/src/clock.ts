import type { Clock } from './types.js';

/** Wall-clock time; the default for queues and the only clock the event source mapping runs with. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to, for specifications of visibility and ages. */
export interface ManualClock extends Clock {
  advanceBy(milliseconds: number): void;
  set(epochMilliseconds: number): void;
}

/**
 * @example
 * const clock = createManualClock(Date.parse('2025-03-01T00:00:00Z'));
 * const queue = createLocalQueue({ name: 'listing-sync', visibilityTimeoutSeconds: 30, clock });
 * clock.advanceBy(30_000);
 */
export function createManualClock(startEpochMilliseconds = 0): ManualClock {
  let current = startEpochMilliseconds;
  return {
    now: () => current,
    advanceBy: (milliseconds) => {
      current += milliseconds;
    },
    set: (epochMilliseconds) => {
      current = epochMilliseconds;
    },
  };
}
