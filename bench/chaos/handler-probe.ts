import type { SqsFunctionHandler } from '@ocop-sync/local-queues';
import { createPrng } from './prng.js';

/** Thrown by the probe itself: the handler finished, then the invocation is reported failed. */
export class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

export interface ProbeOptions {
  seed: number;
  /** Hand each batch to the handler in a shuffled order. */
  shuffleBatches?: boolean;
  /** Share of first-attempt invocations reported failed after the handler completed (its writes are done). */
  crashAfterWriteShare?: number;
}

export interface ProbeStats {
  invocations: number;
  shuffledBatches: number;
  injectedCrashes: number;
  /** Whole-batch failures the handler reported itself (every record failed): a retry signal, not a crash. */
  fullBatchFailures: number;
  /** Anything else a handler threw: a real crash. */
  crashes: string[];
}

/**
 * Wraps every route's handler (via the local stack's `chaos.wrapHandler`): counts invocations and crashes,
 * and injects the delivery faults of a scenario. Crashes are injected on first attempts only, so a record
 * is redelivered but never parked because of the injection itself.
 */
export function createHandlerProbe(options: ProbeOptions) {
  const prng = createPrng(options.seed);
  const stats: ProbeStats = {
    invocations: 0,
    shuffledBatches: 0,
    injectedCrashes: 0,
    fullBatchFailures: 0,
    crashes: [],
  };
  const wrap =
    (routeName: string, handler: SqsFunctionHandler): SqsFunctionHandler =>
    async (event, context) => {
      stats.invocations += 1;
      const records = options.shuffleBatches ? prng.shuffle(event.Records) : event.Records;
      if (options.shuffleBatches && records.length > 1) stats.shuffledBatches += 1;
      let result: unknown;
      try {
        result = await handler({ ...event, Records: records }, context);
      } catch (error) {
        if (isFullBatchFailure(error)) stats.fullBatchFailures += 1;
        else stats.crashes.push(`${routeName}: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
      const firstAttempt = records.every((record) => record.attributes.ApproximateReceiveCount === '1');
      if (firstAttempt && prng.chance(options.crashAfterWriteShare ?? 0)) {
        stats.injectedCrashes += 1;
        throw new InjectedCrash(`${routeName}: crashed after completing, before acknowledging`);
      }
      return result;
    };
  return { wrap, stats };
}

/** Powertools' BatchProcessor throws FullBatchFailureError when every record of a batch failed. */
const isFullBatchFailure = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'FullBatchFailureError' || /All records failed/i.test(error.message));
