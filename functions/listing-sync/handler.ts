import { createLedger } from '@ocop-sync/ledger';
import { appRateShare } from '@ocop-sync/routing';
import { createBatchQueueHandler, createFunctionContext, requireChannel } from '@ocop-sync/runtime';
import {
  adapterLogger,
  CreationInProgressError,
  createChannelAdapter,
  handleListingBatch,
} from '@ocop-sync/workflows';

// Each listing-sync route serves one channel (its CHANNEL).
const { config, clients, observability, publisher, queueOptions } = createFunctionContext('listing-sync');
const channel = requireChannel(config, 'listing-sync');
const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });
const { adapter, accountFor } = createChannelAdapter(config, clients, channel, {
  logger: adapterLogger(observability.logger),
  // The app-wide limit is shared through the ledger table; this static share is the fallback if it is unreachable.
  appRateShare: appRateShare(channel),
});
const deps = { ledger, adapter, accountFor, publisher, now: () => new Date() };

/** At least the route's batch size: every product of a batch is worked at once, paced by the rate limiter. */
const PRODUCTS_AT_ONCE = 10;
/** Answer this long before the function's timeout: unfinished records are reported failed, not the batch. */
const ANSWER_MARGIN_MS = 1_500;

// Set before each invocation from the Lambda context (one invocation at a time per execution environment).
let deadline = Number.POSITIVE_INFINITY;

/** ListingRequested for this route's channel → marketplace → ListingSynced / ListingFailed, per record. */
export const handler = createBatchQueueHandler(queueOptions, (events) =>
  handleListingBatch(deps, events, {
    concurrency: PRODUCTS_AT_ONCE,
    deadline,
    onSettled: (request, outcome) => {
      const { requestId, productId } = request;
      if (typeof outcome === 'string') {
        observability.logger.info('listing request handled', { requestId, outcome });
      } else if (outcome.error instanceof CreationInProgressError) {
        // Expected when two copies of a first request meet: the queue retries this one after the lease.
        observability.logger.info('listing being created by another worker; retried', {
          requestId,
          productId,
        });
      } else {
        observability.logger.warn('listing request failed; retried', {
          requestId,
          productId,
          error: outcome.error,
        });
      }
    },
  }),
).before((request) => {
  deadline = Date.now() + request.context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS;
});
