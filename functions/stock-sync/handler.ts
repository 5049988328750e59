import { createLedger } from '@ocop-sync/ledger';
import { appRateShare } from '@ocop-sync/routing';
import { createBatchQueueHandler, createFunctionContext, requireChannel } from '@ocop-sync/runtime';
import { adapterLogger, createChannelAdapter, syncStock } from '@ocop-sync/workflows';

// Each stock-sync route serves one channel (its CHANNEL).
const { config, clients, observability, queueOptions } = createFunctionContext('stock-sync');
const channel = requireChannel(config, 'stock-sync');
const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });
const { adapter, accountFor } = createChannelAdapter(config, clients, channel, {
  logger: adapterLogger(observability.logger),
  // The app-wide limit is shared through the ledger table; this static share is the fallback if it is unreachable.
  appRateShare: appRateShare(channel),
});

/** Answer this long before the function's timeout: products not pushed by then are failed, not the batch. */
const ANSWER_MARGIN_MS = 1_500;

// Set before each invocation from the Lambda context (one invocation at a time per execution environment).
let deadline = Number.POSITIVE_INFINITY;

/**
 * Stock-sync route: a batch of StockLevelChanged/ListingSynced events → one available-to-sell push per product.
 * Only the message ids of products whose push may succeed later are reported as failed.
 */
export const handler = createBatchQueueHandler(queueOptions, (events) =>
  syncStock({ ledger, adapter, accountFor, channel, logger: observability.logger, deadline }, events),
).before((request) => {
  deadline = Date.now() + request.context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS;
});
