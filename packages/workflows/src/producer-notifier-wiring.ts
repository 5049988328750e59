import { createLedger } from '@ocop-sync/ledger';
import type { AwsClients, EventPublisher, FunctionEnvironment } from '@ocop-sync/runtime';
import { createHttpTransport, createWebhookService, createWebhookStore } from '@ocop-sync/webhooks';
import {
  createShopLookup,
  createWebhookSecretStore,
  type ProducerNotifierDeps,
} from './producer-notifier.js';

/**
 * What the producer-notifier and the webhook retry sweep need, built once at cold start: the webhook service
 * over the ledger table (secrets in Secrets Manager, or the ledger table in local mode only: webhooks README,
 * "Secrets"), the product and shop lookups, and the publisher for the outcome events.
 */
export function createProducerNotifierDeps(
  config: FunctionEnvironment,
  clients: Pick<AwsClients, 'dynamodb' | 'secretsManager'>,
  publisher: EventPublisher,
): ProducerNotifierDeps {
  const table = { client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME };
  const ledger = createLedger(table);
  const transport = createHttpTransport({ mode: config.OCOP_MODE });
  const webhooks = createWebhookService({
    store: createWebhookStore(table),
    secrets: createWebhookSecretStore({
      mode: config.OCOP_MODE,
      ledger: table,
      secretsManager: clients.secretsManager,
      namePrefix: config.WEBHOOK_SECRET_NAME_PREFIX,
    }),
    transport: transport.send,
    mode: config.OCOP_MODE,
  });
  return {
    webhooks,
    ledger: {
      getProduct: (id: string) => ledger.getProduct(id),
      producerOfShop: createShopLookup(table.client, table.tableName),
    },
    publisher,
    now: () => new Date(),
  };
}
