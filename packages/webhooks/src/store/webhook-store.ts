import { deliveryQueries } from './delivery-queries.js';
import { deliveryStore } from './delivery-store.js';
import { openTable, type StoreConfig } from './dynamo.js';
import { endpointStore } from './endpoint-store.js';

/**
 * The webhook items in the ledger's single table: endpoints, messages, deliveries, attempts.
 *
 * @example
 * const store = createWebhookStore({ client: new DynamoDBClient({}), tableName: config.ledgerTableName });
 */
export function createWebhookStore(config: StoreConfig) {
  const table = openTable(config);
  return {
    endpoints: endpointStore(table),
    deliveries: { ...deliveryStore(table), ...deliveryQueries(table) },
  };
}

export type WebhookStore = ReturnType<typeof createWebhookStore>;
