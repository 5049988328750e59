import { deliveryEngine } from './delivery-engine.js';
import { endpointAdmin } from './endpoint-admin.js';
import { replayer } from './replay.js';
import { type WebhookServiceOptions, withDefaults } from './service-context.js';
import type { LoggedAttempt } from './types.js';

/**
 * Producer webhooks over the ledger: endpoints and secrets, messages and their deliveries, attempts
 * with the retry schedule, auto-disable with a fallback notice, replay. The queue (or the local
 * runner) drives it: `publish` returns the tasks due now, `attempt` makes one attempt of a task and
 * says when the next is due, `listDue` finds what a sweep must pick up.
 *
 * @example
 * const service = createWebhookService({ store, secrets, transport: transport.send, mode: 'production' });
 * const mapped = toWebhookMessage(event['detail-type'], event.detail, event.id);
 * if (mapped.ok) for (const task of (await service.publish(mapped.message)).tasks) await service.attempt(task);
 */
export function createWebhookService(options: WebhookServiceOptions) {
  const context = withDefaults(options);
  return {
    ...endpointAdmin(context),
    ...deliveryEngine(context),
    ...replayer(context),

    /** A message's delivery log: the message, one delivery per endpoint and every attempt. */
    async deliveryLog(messageId: string) {
      const [message, deliveries, attempts] = await Promise.all([
        context.store.deliveries.getMessage(messageId),
        context.store.deliveries.listDeliveries(messageId),
        context.store.deliveries.listAttempts(messageId),
      ]);
      return { message, deliveries, attempts: attempts satisfies LoggedAttempt[] };
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
