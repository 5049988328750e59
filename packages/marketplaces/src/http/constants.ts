import type { RetryPolicy } from './retry.js';

/** Inside a Lambda that consumes a queue: a few quick retries, then the queue's redrive takes over. */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  budgetMs: 20_000,
};

export const defaultTimeoutMs = 10_000;
