import type { SqsFunctionHandler } from '@ocop-sync/local-queues';

/**
 * Lambda runs concurrent invocations in separate execution environments, each with its own module instance:
 * module-level state (a Powertools BatchProcessor, caches) is never shared between two running invocations.
 * The pool does the same with one imported module instance per unit of `maximumConcurrency`: each invocation
 * takes a free instance and gives it back when it settles. The mapping never runs more than
 * `maximumConcurrency` invocations, so an instance is always free, except when a timed-out invocation still runs
 * in the background (Node cannot kill it); then the least recently started instance is shared.
 */
export function createHandlerPool(instances: readonly SqsFunctionHandler[]): SqsFunctionHandler {
  const free = instances.map((_, index) => index);
  let next = 0;
  return async (event, context) => {
    const taken = free.shift();
    const index = taken ?? next++ % instances.length;
    const handler = instances[index];
    if (handler === undefined) throw new Error('handler pool is empty');
    try {
      return await handler(event, context);
    } finally {
      if (taken !== undefined) free.push(taken);
    }
  };
}
