import { createLedger } from '@ocop-sync/ledger';
import { createFunctionContext, createQueueHandler } from '@ocop-sync/runtime';
import { handleCertificationEvent } from '@ocop-sync/workflows';

const { config, clients, observability, publisher, queueOptions } = createFunctionContext('certification');
const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });

/** Certification route: registry decisions, swept expiries and marketplace bans → ledger → channel plan. */
export const handler = createQueueHandler(queueOptions, async (event) => {
  const result = await handleCertificationEvent({ ledger, publisher, now: () => new Date() }, event);
  // A non-retryable rejection (e.g. a ban for an unknown listing) is logged and dropped, not redelivered.
  observability.logger[result.outcome === 'rejected' ? 'warn' : 'info']('certification event handled', {
    detailType: event['detail-type'],
    ...result,
  });
});
