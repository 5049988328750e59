import { createBatchQueueHandler, createFunctionContext } from '@ocop-sync/runtime';
import { createProducerNotifierDeps, handleProducerNotificationBatch } from '@ocop-sync/workflows';

const { config, clients, observability, publisher, queueOptions } =
  createFunctionContext('producer-notifier');
const deps = createProducerNotifierDeps(config, clients, publisher);

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
