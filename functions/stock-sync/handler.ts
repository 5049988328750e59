import { createLedger } from '@ocop-sync/ledger';
import { createBatchQueueHandler, createFunctionContext, requireChannel } from '@ocop-sync/runtime';
import { adapterLogger, createChannelAdapter, syncStock } from '@ocop-sync/workflows';

// Each stock-sync route serves one channel (its CHANNEL).
const { config, clients, observability, queueOptions } = createFunctionContext('stock-sync');
const channel = requireChannel(config, 'stock-sync');
const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });
const { adapter, accountFor } = createChannelAdapter(config, clients, channel, {
  logger: adapterLogger(observability.logger),
});

/**
 * Stock-sync route: a batch of StockLevelChanged/ListingSynced events → one available-to-sell push per product.
 * Only the message ids of products whose push may succeed later are reported as failed.
 */
export const handler = createBatchQueueHandler(queueOptions, (events) =>
  syncStock({ ledger, adapter, accountFor, channel, logger: observability.logger }, events),
);
