import { createLedger } from '@ocop-sync/ledger';
import {
  createAwsClients,
  createEventPublisher,
  createObservability,
  createQueueHandler,
  createSqsParker,
  loadConfig,
} from '@ocop-sync/runtime';
import { handleCertificationEvent } from '@ocop-sync/workflows';

// Configuration and clients once per cold start; a bad environment fails here, not on every record.
const config = loadConfig();
const clients = createAwsClients(config);
const obs = createObservability(config, 'certification');
const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });
const publisher = createEventPublisher({ client: clients.eventBridge, busName: config.EVENT_BUS_NAME });

/** Certification route: registry decisions, swept expiries and marketplace bans → ledger → channel plan. */
export const handler = createQueueHandler(
  { ...obs, parker: createSqsParker(clients.sqs, config.DEAD_LETTER_QUEUE_URL) },
  async (event) => {
    const result = await handleCertificationEvent({ ledger, publisher, now: () => new Date() }, event);
    // A non-retryable rejection (e.g. a ban for an unknown listing) is logged and dropped, not redelivered.
    obs.logger[result.outcome === 'rejected' ? 'warn' : 'info']('certification event handled', {
      detailType: event['detail-type'],
      ...result,
    });
  },
);
