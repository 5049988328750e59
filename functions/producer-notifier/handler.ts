import { createLedger } from '@ocop-sync/ledger';
import { createFunctionContext, createQueueHandler } from '@ocop-sync/runtime';
import { createHttpTransport, createWebhookService, createWebhookStore } from '@ocop-sync/webhooks';
import {
  createShopLookup,
  createWebhookSecretStore,
  handleProducerNotification,
  sweepDueDeliveries,
} from '@ocop-sync/workflows';

const { config, clients, observability, publisher, queueOptions } =
  createFunctionContext('producer-notifier');
const table = { client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME };
const ledger = createLedger(table);
const transport = createHttpTransport({ mode: config.OCOP_MODE });
const webhooks = createWebhookService({
  store: createWebhookStore(table),
  // Secrets Manager, or the ledger table in local mode only (webhooks README, "Secrets").
  secrets: createWebhookSecretStore({
    mode: config.OCOP_MODE,
    ledger: table,
    secretsManager: clients.secretsManager,
    namePrefix: config.WEBHOOK_SECRET_NAME_PREFIX,
  }),
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
