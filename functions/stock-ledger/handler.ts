import { createLedger } from '@ocop-sync/ledger';
import {
  createAwsClients,
  createEventPublisher,
  createObservability,
  createQueueHandler,
  createSqsParker,
  loadConfig,
} from '@ocop-sync/runtime';
import { handleStockEvent } from '@ocop-sync/workflows';

// Configuration and clients once per cold start; a bad environment fails here, not on every record.
const config = loadConfig();
const clients = createAwsClients(config);
const obs = createObservability(config, 'stock-ledger');
const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });
const publisher = createEventPublisher({ client: clients.eventBridge, busName: config.EVENT_BUS_NAME });

/**
 * Stock-ledger route: showroom, warehouse and marketplace-order movements → ledger → StockLevelChanged,
 * StockLow and StockMovementRejected. A movement that cannot apply yet throws, so only its record is retried.
 */
export const handler = createQueueHandler(
  { ...obs, parker: createSqsParker(clients.sqs, config.DEAD_LETTER_QUEUE_URL) },
  (event) => handleStockEvent({ ledger, publisher }, event),
);
