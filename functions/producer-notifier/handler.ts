import { createLedger } from '@ocop-sync/ledger';
import { createBatchQueueHandler, createFunctionContext } from '@ocop-sync/runtime';
import { createHttpTransport, createWebhookService, createWebhookStore } from '@ocop-sync/webhooks';
import {
  createShopLookup,
  createWebhookSecretStore,
  handleProducerNotificationBatch,
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

/** Notified events → signed webhook, first attempt now; then one sweep of due retries for the batch. */
export const handler = createBatchQueueHandler(queueOptions, async (records) => {
  const { handled, failed, retried } = await handleProducerNotificationBatch(deps, records);
  for (const { detailType, outcome } of handled) {
    observability.logger.info('producer notification handled', { detailType, ...outcome });
  }
  for (const { messageId, error } of failed) {
    observability.logger.error('producer notification failed', { messageId, error });
  }
  observability.logger.info('due deliveries swept', { retried });
  return { failedMessageIds: failed.map(({ messageId }) => messageId) };
});
