import {
  createHttpTransport,
  createLedgerSecretStore,
  createWebhookService,
  createWebhookStore,
  webhookEventTypes,
} from '@ocop-sync/webhooks';
import type { LocalStack } from './local-stack.js';
import type { ProducerReceiver } from './producer-receiver.js';

/**
 * Registers one webhook endpoint per producer, pointing at the receiver, subscribed to every message type,
 * with the same stores the producer-notifier uses locally; the receiver is told each secret, as the producer
 * would be (shown once at registration).
 */
export async function registerProducerEndpoints(
  stack: Pick<LocalStack, 'dynamodb' | 'tableName'>,
  receiver: ProducerReceiver,
  producerIds: readonly string[],
): Promise<void> {
  const table = { client: stack.dynamodb, tableName: stack.tableName };
  const transport = createHttpTransport({ mode: 'local' });
  try {
    const service = createWebhookService({
      store: createWebhookStore(table),
      secrets: createLedgerSecretStore(table),
      transport: transport.send,
      mode: 'local',
    });
    for (const producerId of producerIds) {
      const { secret } = await service.registerEndpoint({
        producerId,
        url: receiver.endpointFor(producerId),
        eventTypes: webhookEventTypes,
        description: 'local producer receiver',
      });
      receiver.trust(producerId, secret);
    }
  } finally {
    await transport.close();
  }
}
