import { randomUUID } from 'node:crypto';
import { createLocalQueue, type LocalQueue } from '../src/index.js';

/** Timings for real-time specifications: a function timeout within the visibility timeout, as AWS requires. */
export const FAST = {
  visibilityTimeoutSeconds: 0.05,
  timeoutSeconds: 0.05,
  maximumBatchingWindowSeconds: 0.01,
} as const;

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A source queue with a dead-letter queue, with a visibility timeout short enough for real-time specifications. */
export function queueWithDeadLetters(options: {
  maxReceiveCount: number;
  visibilityTimeoutSeconds?: number;
}): {
  queue: LocalQueue;
  deadLetters: LocalQueue;
} {
  const deadLetters = createLocalQueue({
    name: uniqueName('listing-sync-dlq'),
    visibilityTimeoutSeconds: 30,
  });
  const queue = createLocalQueue({
    name: uniqueName('listing-sync'),
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? FAST.visibilityTimeoutSeconds,
    deadLetterQueue: deadLetters,
    maxReceiveCount: options.maxReceiveCount,
  });
  return { queue, deadLetters };
}

/** A realistic body: an OCOP product certification event as the bus would deliver it. */
export function productEventBody(productId: string): string {
  return JSON.stringify({
    version: '0',
    id: randomUUID(),
    'detail-type': 'ProductCertified',
    source: 'ocop.registry',
    detail: { productId, name: 'Mật ong rừng U Minh', stars: 4, province: 'Cà Mau' },
  });
}
