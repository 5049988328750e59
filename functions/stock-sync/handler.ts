import { createLedger } from '@ocop-sync/ledger';
import {
  ConfigurationError,
  createAwsClients,
  createBatchQueueHandler,
  createObservability,
  createSqsParker,
  loadConfig,
} from '@ocop-sync/runtime';
import { createChannelAdapter, syncStock } from '@ocop-sync/workflows';

// Configuration and clients once per cold start; a bad environment fails here, not on every batch.
const config = loadConfig();
// The routing table gives each stock-sync-<channel> route its CHANNEL; without it the function cannot work.
const channel = config.CHANNEL;
if (channel === undefined) throw new ConfigurationError('CHANNEL is not set for stock-sync');
const clients = createAwsClients(config);
const obs = createObservability(config, `stock-sync-${channel}`);
const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });
// Powertools' Logger wants attributes as LogAttributes, the adapters' Logger passes them optionally.
const log =
  (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, attributes?: Record<string, unknown>) =>
    obs.logger[level](message, attributes ?? {});
const adapterLogger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
const { adapter, accountFor } = createChannelAdapter(config, clients, channel, { logger: adapterLogger });

/**
 * Stock-sync route (one per channel): a batch of StockLevelChanged/ListingSynced events → one available-to-sell
 * push per product. Only the message ids of products whose push may succeed later are reported as failed.
 */
export const handler = createBatchQueueHandler(
  { ...obs, parker: createSqsParker(clients.sqs, config.DEAD_LETTER_QUEUE_URL) },
  (events) => syncStock({ ledger, adapter, accountFor, channel, logger: obs.logger }, events),
);
