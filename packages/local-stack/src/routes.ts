import {
  createLocalQueue,
  type EventSourceMapping,
  type LocalQueue,
  type SqsFunctionHandler,
  startEventSourceMapping,
} from '@ocop-sync/local-queues';
import type { QueueRoute } from '@ocop-sync/routing';
import { HANDLER_LOAD_FAILED } from './constants.js';
import { fastRetryOrNot } from './fast-retry.js';
import { importRouteHandler } from './handler-loader.js';
import { createHandlerPool } from './handler-pool.js';

/** One queue route of the routing table, running locally. */
export interface RunningRoute {
  readonly route: QueueRoute;
  readonly queue: LocalQueue;
  readonly deadLetterQueue: LocalQueue;
  readonly deadLetterQueueUrl: string;
  mapping: EventSourceMapping | undefined;
  /** Set when the handler module could not be imported: its records fail (and end in the DLQ) with this. */
  loadError: string | undefined;
}

/** Creates a route's queue and DLQ with the table's settings (nothing polls them yet). */
export function createRouteQueues(
  route: QueueRoute,
  dataDir: string | undefined,
  queueUrl: (name: string) => string,
): RunningRoute {
  const journal = dataDir ? { dataDir } : {};
  const deadLetterQueue = createLocalQueue({ name: `${route.name}-dlq`, ...journal });
  const queue = createLocalQueue({
    name: route.name,
    visibilityTimeoutSeconds: route.queue.visibilityTimeoutSeconds,
    deadLetterQueue,
    maxReceiveCount: route.queue.maxReceiveCount,
    ...journal,
  });
  return {
    route,
    queue,
    deadLetterQueue,
    deadLetterQueueUrl: queueUrl(deadLetterQueue.name),
    mapping: undefined,
    loadError: undefined,
  };
}

/**
 * Imports the route's handler module (with its own environment) and starts the event source mapping with
 * the table's batch size, batching window and maximum concurrency.
 */
export async function startRouteMapping(
  running: RunningRoute,
  options: {
    instance: string;
    retryDelaySeconds: number | undefined;
    wrapHandler?: ((routeName: string, handler: SqsFunctionHandler) => SqsFunctionHandler) | undefined;
    onFailure: (route: string, reason: string) => void;
  },
): Promise<EventSourceMapping> {
  const { route } = running;
  let handler: SqsFunctionHandler;
  try {
    // One module instance per concurrent execution, as Lambda has one per execution environment.
    const instances: SqsFunctionHandler[] = [];
    for (let index = 0; index < route.queue.maximumConcurrency; index += 1) {
      const environment = { ...route.environment, DEAD_LETTER_QUEUE_URL: running.deadLetterQueueUrl };
      instances.push(await importRouteHandler(route, environment, `${options.instance}-${index}`));
    }
    handler = createHandlerPool(instances);
  } catch (error) {
    // A handler that cannot load (e.g. still being written) must not take the whole stack down: its records
    // fail with the reason, as a Lambda whose init fails would, and end in the route's DLQ.
    const reason = `${HANDLER_LOAD_FAILED}: ${error instanceof Error ? error.message : String(error)}`;
    running.loadError = reason;
    options.onFailure(route.name, reason);
    handler = async () => {
      throw new Error(reason);
    };
  }
  const mapping = startEventSourceMapping({
    queue: running.queue,
    handler: fastRetryOrNot(
      options.wrapHandler ? options.wrapHandler(route.name, handler) : handler,
      running.queue,
      options.retryDelaySeconds,
    ),
    functionName: route.name,
    batchSize: route.queue.batchSize,
    maximumBatchingWindowSeconds: route.queue.maximumBatchingWindowSeconds,
    maximumConcurrency: route.queue.maximumConcurrency,
    timeoutSeconds: route.timeoutSeconds,
    memoryLimitInMB: route.memoryMb,
    onInvocation: (report) => {
      if (report.outcome.kind === 'failure') options.onFailure(route.name, report.outcome.reason);
    },
  });
  running.mapping = mapping;
  return mapping;
}
