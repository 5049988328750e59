/** How hard the shared client tries before giving the failure back to the queue as a `RetryableError`. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** First back-off ceiling; doubles with each retry. */
  baseDelayMs: number;
  /** Largest single back-off. */
  maxDelayMs: number;
  /** Wall-clock budget for one call, waits included; a wait that would overrun it is not started. */
  budgetMs: number;
}

/**
 * "Full jitter" exponential back-off: a random wait between 0 and min(max, base·2^retry), so many
 * Lambdas retrying together spread out instead of hammering the marketplace in step.
 * When the marketplace said how long to wait, wait at least that long.
 */
export function backoffDelay(
  policy: RetryPolicy,
  retry: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

/** Reads `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
