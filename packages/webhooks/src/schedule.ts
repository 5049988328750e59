import { MAX_QUEUE_DELAY_SECONDS, MAX_RETRY_AFTER_SECONDS, RETRY_SCHEDULE_SECONDS } from './constants.js';
import type { AttemptResult } from './types.js';

export type AttemptSummary = Pick<AttemptResult, 'succeeded' | 'retryable' | 'retryAfterSeconds'>;

export type NextAttemptPlan =
  | { kind: 'attempt'; at: Date; delaySeconds: number }
  | { kind: 'done'; status: 'delivered' | 'failed'; reason: 'delivered' | 'permanent-failure' | 'exhausted' };

/**
 * The retry schedule as a pure function: given the attempts made since the delivery was (re)scheduled,
 * oldest first, says when the next one is due or that the delivery is finished.
 *
 * @example
 * planNextAttempt([], now);                                        // attempt now
 * planNextAttempt([{ succeeded: false, retryable: true }], now);  // attempt at now + 5 s
 */
export function planNextAttempt(
  attempts: readonly AttemptSummary[],
  now: Date,
  schedule: readonly number[] = RETRY_SCHEDULE_SECONDS,
): NextAttemptPlan {
  const last = attempts.at(-1);
  if (last?.succeeded) return { kind: 'done', status: 'delivered', reason: 'delivered' };
  if (last && !last.retryable) return { kind: 'done', status: 'failed', reason: 'permanent-failure' };
  const scheduled = schedule[attempts.length];
  if (scheduled === undefined) return { kind: 'done', status: 'failed', reason: 'exhausted' };
  const retryAfter = Math.min(last?.retryAfterSeconds ?? 0, MAX_RETRY_AFTER_SECONDS);
  const delaySeconds = Math.max(scheduled, retryAfter);
  return { kind: 'attempt', at: new Date(now.getTime() + delaySeconds * 1000), delaySeconds };
}

/**
 * The SQS `DelaySeconds` to re-enqueue a task due at `dueAt`, or `undefined` when it is further away
 * than SQS allows (15 minutes): such tasks stay in the ledger's due index for the scheduled sweep.
 */
export function queueDelaySeconds(dueAt: Date, now: Date): number | undefined {
  const seconds = Math.max(0, Math.ceil((dueAt.getTime() - now.getTime()) / 1000));
  return seconds <= MAX_QUEUE_DELAY_SECONDS ? seconds : undefined;
}
