import { createLedger } from '@ocop-sync/ledger';
import { createFunctionContext, createQueueHandler, requireChannel } from '@ocop-sync/runtime';
import { adapterLogger, createChannelAdapter, handleListingRequest } from '@ocop-sync/workflows';

// Each listing-sync route serves one channel (its CHANNEL).
const { config, clients, observability, publisher, queueOptions } = createFunctionContext('listing-sync');
const channel = requireChannel(config, 'listing-sync');
const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });
const { adapter, accountFor } = createChannelAdapter(config, clients, channel, {
  logger: adapterLogger(observability.logger),
});
const deps = { ledger, adapter, accountFor, publisher, now: () => new Date() };

/** ListingRequested for this route's channel → marketplace → ListingSynced / ListingFailed. */
export const handler = createQueueHandler(queueOptions, async (event) => {
  if (event['detail-type'] !== 'ListingRequested') return;
  const outcome = await handleListingRequest(deps, event.detail);
  observability.logger.info('listing request handled', { requestId: event.detail.requestId, outcome });
});
