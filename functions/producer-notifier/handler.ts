import { createLedger } from '@ocop-sync/ledger';
import { ConfigurationError, createFunctionContext, createQueueHandler } from '@ocop-sync/runtime';
import {
  createHttpTransport,
  createLedgerSecretStore,
  createWebhookService,
  createWebhookStore,
} from '@ocop-sync/webhooks';
import { createShopLookup, handleProducerNotification, sweepDueDeliveries } from '@ocop-sync/workflows';

const { config, clients, observability, publisher, queueOptions } =
  createFunctionContext('producer-notifier');
const table = { client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME };
const ledger = createLedger(table);
const transport = createHttpTransport({ mode: config.OCOP_MODE });
// Endpoint secrets in the ledger table are for local mode only (webhooks README, "Secrets"); a Secrets
// Manager SecretStore is still to be written, so production refuses to start rather than store them there.
if (config.OCOP_MODE !== 'local')
  throw new ConfigurationError('producer-notifier: no production SecretStore yet');
const webhooks = createWebhookService({
  store: createWebhookStore(table),
  secrets: createLedgerSecretStore(table),
  transport: transport.send,
  mode: config.OCOP_MODE,
});
const deps = {
  webhooks,
  ledger: {
    getProduct: (id: string) => ledger.getProduct(id),
    producerOfShop: createShopLookup(table.client, table.tableName),
  },
  publisher,
  now: () => new Date(),
};

/** Notified events → signed webhook, first attempt now; each record also sweeps a few due retries. */
export const handler = createQueueHandler(queueOptions, async (event) => {
  const outcome = await handleProducerNotification(deps, event);
  const retried = await sweepDueDeliveries(deps, 10);
  observability.logger.info('producer notification handled', {
    detailType: event['detail-type'],
    ...outcome,
    retried,
  });
});
