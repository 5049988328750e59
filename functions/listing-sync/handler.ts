import { createLedger } from '@ocop-sync/ledger';
import {
  ConfigurationError,
  createAwsClients,
  createEventPublisher,
  createObservability,
  createQueueHandler,
  createSqsParker,
  loadConfig,
} from '@ocop-sync/runtime';
import { adapterLogger, createChannelAdapter, handleListingRequest } from '@ocop-sync/workflows';

// Configuration and clients once per cold start; each listing-sync route serves one channel (CHANNEL).
const config = loadConfig();
const channel = config.CHANNEL;
if (channel === undefined) throw new ConfigurationError('listing-sync needs CHANNEL (set by its route)');
const clients = createAwsClients(config);
const obs = createObservability(config, `listing-sync-${channel}`);
const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });
const publisher = createEventPublisher({ client: clients.eventBridge, busName: config.EVENT_BUS_NAME });
const { adapter, accountFor } = createChannelAdapter(config, clients, channel, {
  logger: adapterLogger(obs.logger),
});
const deps = { ledger, adapter, accountFor, publisher, now: () => new Date() };

/** ListingRequested for this route's channel → marketplace → ListingSynced / ListingFailed. */
export const handler = createQueueHandler(
  { ...obs, parker: createSqsParker(clients.sqs, config.DEAD_LETTER_QUEUE_URL) },
  async (event) => {
    if (event['detail-type'] !== 'ListingRequested') return;
    const outcome = await handleListingRequest(deps, event.detail);
    obs.logger.info('listing request handled', { requestId: event.detail.requestId, outcome });
  },
);
