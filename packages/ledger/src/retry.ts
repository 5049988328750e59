import { setTimeout as sleep } from 'node:timers/promises';
import { LedgerConflictError } from './errors.js';
import type { ConflictRetryInfo, RetryOptions } from './types.js';

/** Returned by an attempt whose conditional write lost to a concurrent writer: read again and retry. */
export const conflict = Symbol('conflict');
export type Conflict = typeof conflict;

export interface RetryContext {
  retry: RetryOptions;
  onConflictRetry?: ((info: ConflictRetryInfo) => void) | undefined;
}

/**
 * Runs a read-decide-write attempt until it does not conflict. Backoff is "full jitter" (a random delay
 * up to an exponentially growing cap), which spreads a herd of writers on one hot item best.
 *
 * @example
 * const result = await retryOnConflict('sale', context, async () => {
 *   const stock = await read();
 *   return (await write(decide(stock))) ? outcome : conflict;
 * });
 */
export async function retryOnConflict<T>(
  operation: string,
  context: RetryContext,
  attempt: () => Promise<T | Conflict>,
): Promise<T> {
  const { maxAttempts, baseDelayMs, maxDelayMs } = context.retry;
  for (let number = 1; number <= maxAttempts; number++) {
    const result = await attempt();
    if (result !== conflict) return result;
    if (number === maxAttempts) break;
    const delayMs = Math.round(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** number));
    context.onConflictRetry?.({ operation, attempt: number, delayMs });
    await sleep(delayMs);
  }
  throw new LedgerConflictError(operation, maxAttempts);
}
