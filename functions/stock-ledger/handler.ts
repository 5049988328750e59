import { createLedger } from '@ocop-sync/ledger';
import { createFunctionContext, createQueueHandler } from '@ocop-sync/runtime';
import { handleStockEvent } from '@ocop-sync/workflows';

const { config, clients, publisher, queueOptions } = createFunctionContext('stock-ledger');
const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });

/**
 * Stock-ledger route: showroom, warehouse and marketplace-order movements → ledger → StockLevelChanged,
 * StockLow and StockMovementRejected. A movement that cannot apply yet throws, so only its record is retried.
 */
export const handler = createQueueHandler(queueOptions, (event) =>
  handleStockEvent({ ledger, publisher }, event),
);
