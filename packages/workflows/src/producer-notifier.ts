import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CatalogueEvent, Channel } from '@ocop-sync/domain';
import { type Ledger, ledgerTable } from '@ocop-sync/ledger';
import type { EventPublisher, PublishEntry, ReceivedEvent } from '@ocop-sync/runtime';
import {
  type AttemptReport,
  createLedgerSecretStore,
  createSecretsManagerSecretStore,
  type DeliveryTask,
  type MappingContext,
  type SecretStore,
  toWebhookMessage,
  type WebhookService,
} from '@ocop-sync/webhooks';

/** Shop → producer: marketplace events carry only the shop id. */
export type ProducerOfShop = (channel: Channel, shopId: string) => Promise<string | undefined>;

/** What the notifier reads from the ledger: product names for the texts, shop owners for marketplace events. */
export interface NotifierLedger extends Pick<Ledger, 'getProduct'> {
  producerOfShop: ProducerOfShop;
}

export interface ProducerNotifierDeps {
  webhooks: Pick<WebhookService, 'publish' | 'attempt' | 'listDue'>;
  ledger: NotifierLedger;
  publisher: EventPublisher;
  now: () => Date;
}

export type NotificationOutcome =
  | { kind: 'sent'; messageId: string; created: boolean; attempted: number }
  | { kind: 'not-notified' | 'invalid-detail' };

/** The shop's producer can be missing for a moment after linking (gsi2 is eventually consistent): retried. */
export class ProducerUnknownError extends Error {
  override name = 'ProducerUnknownError';
}

/**
 * Turns one catalogue event into a signed webhook message for its producer, stores it (idempotently, by
 * message id) and makes the first attempt to every subscribed endpoint at once. Later attempts follow the
 * webhooks retry schedule and are made by {@link sweepDueDeliveries}.
 *
 * @example
 * await handleProducerNotification({ webhooks, ledger, publisher, now: () => new Date() }, event);
 */
export async function handleProducerNotification(
  deps: ProducerNotifierDeps,
  event: CatalogueEvent,
): Promise<NotificationOutcome> {
  const context = await mappingContext(deps.ledger, event);
  // The envelope type is loose (AWS may add keys), so its id is read as the string the parser checked.
  const eventId = String(event.id);
  const mapped = toWebhookMessage(event['detail-type'], event.detail, eventId, context);
  if (!mapped.ok) {
    if (mapped.reason === 'producer-unknown') {
      throw new ProducerUnknownError(`no producer for the shop of ${event['detail-type']} ${eventId}`);
    }
    return { kind: mapped.reason };
  }
  const { created, tasks } = await deps.webhooks.publish(mapped.message);
  await attemptAll(deps, tasks);
  return { kind: 'sent', messageId: mapped.message.messageId, created, attempted: tasks.length };
}

/** Due retries swept per notification handled: the same share as when each record swept on its own. */
export const SWEEP_PER_NOTIFICATION = 10;

export interface NotificationBatchResult {
  handled: { messageId: string; detailType: string; outcome: NotificationOutcome }[];
  /** SQS message ids to report in `batchItemFailures`, with why. */
  failed: { messageId: string; error: unknown }[];
  /** Due deliveries attempted by the batch's sweep. */
  retried: number;
}

/**
 * One queue batch: each event as {@link handleProducerNotification} (a failure fails only its record), then
 * one sweep of due retries for the whole batch, up to {@link SWEEP_PER_NOTIFICATION} per event handled (one
 * due-index query instead of one per record). A failed sweep fails the batch's handled records, so the queue
 * retries them and the sweep with them, as when each record swept after itself.
 */
export async function handleProducerNotificationBatch(
  deps: ProducerNotifierDeps,
  records: readonly ReceivedEvent[],
): Promise<NotificationBatchResult> {
  const result: NotificationBatchResult = { handled: [], failed: [], retried: 0 };
  for (const { messageId, event } of records) {
    try {
      const outcome = await handleProducerNotification(deps, event);
      result.handled.push({ messageId, detailType: event['detail-type'], outcome });
    } catch (error) {
      result.failed.push({ messageId, error });
    }
  }
  if (result.handled.length === 0) return result;
  try {
    result.retried = await sweepDueDeliveries(deps, SWEEP_PER_NOTIFICATION * result.handled.length);
  } catch (error) {
    result.failed.push(...result.handled.map(({ messageId }) => ({ messageId, error })));
    result.handled = [];
  }
  return result;
}

/**
 * Makes the attempts that are due (retries after the first), oldest first, and publishes the final
 * outcomes. The producer-notifier handler calls it once per batch; a scheduled call (every few minutes)
 * keeps retries going when no events arrive.
 */
export async function sweepDueDeliveries(deps: ProducerNotifierDeps, limit = 25): Promise<number> {
  const due = await deps.webhooks.listDue(limit);
  await attemptAll(deps, due);
  return due.length;
}

/**
 * The scheduled retry sweep: due attempts in rounds of `round` until a round finds fewer than it asked for
 * (nothing more is due) or the deadline passes, so a backlog after a receiver's outage drains in one run
 * while the run still ends inside its timeout. Returns how many attempts it made.
 */
export async function sweepUntilDone(
  deps: ProducerNotifierDeps,
  { round = 25, deadline }: { round?: number; deadline: number },
): Promise<number> {
  let attempted = 0;
  while (deps.now().getTime() < deadline) {
    const swept = await sweepDueDeliveries(deps, round);
    attempted += swept;
    if (swept < round) break;
  }
  return attempted;
}

async function attemptAll(deps: ProducerNotifierDeps, tasks: readonly DeliveryTask[]): Promise<void> {
  for (const task of tasks) {
    const report = await deps.webhooks.attempt(task);
    const entries = await outcomeEvents(deps, task, report);
    if (entries.length > 0) await deps.publisher.publish(entries);
  }
}

/** ProducerNotified once a delivery is finished (delivered or failed for good), or its endpoint was disabled. */
async function outcomeEvents(
  deps: ProducerNotifierDeps,
  task: DeliveryTask,
  report: AttemptReport,
): Promise<PublishEntry[]> {
  if (report.kind !== 'attempted') return [];
  const outcomes: ('delivered' | 'failed' | 'endpoint-disabled')[] = [];
  if (report.next.kind === 'done') outcomes.push(report.next.status);
  if (report.endpointDisabled !== undefined) outcomes.push('endpoint-disabled');
  if (outcomes.length === 0) return [];
  // The report carries what the delivery log said: the message type, and this attempt's number, which is the
  // count of the endpoint's logged attempts (unless an earlier attempt died between its claim and its log).
  const { messageType: type, attempts } = report;
  const at = deps.now().toISOString();
  return outcomes.map((outcome) => ({
    detailType: 'ProducerNotified',
    detail: { ...taskIds(task), type, outcome, attempts: Math.max(1, attempts), at },
  }));
}

const taskIds = (task: DeliveryTask) => ({
  producerId: task.producerId,
  messageId: task.messageId,
  endpointId: task.endpointId,
});

async function mappingContext(ledger: NotifierLedger, event: CatalogueEvent): Promise<MappingContext> {
  const detail: Record<string, unknown> = event.detail;
  const context: MappingContext = {};
  if (typeof detail.productId === 'string') {
    const product = await ledger.getProduct(detail.productId);
    if (product !== undefined) context.productName = product.details.name;
  }
  if (event['detail-type'] === 'MarketplaceOrderPlaced' || event['detail-type'] === 'MarketplaceItemBanned') {
    const producerId = await ledger.producerOfShop(event.detail.channel, event.detail.shopId);
    if (producerId !== undefined) context.producerId = producerId;
  }
  return context;
}

/**
 * Shop → producer through the ledger's gsi2 (`SHOP#<channel>#<shopId>`). The ledger resolves the same lookup
 * internally but does not export it yet; this reads the same index until it does.
 */
export function createShopLookup(client: DynamoDBClient, tableName: string): ProducerOfShop {
  const index = ledgerTable.indexes.byArea;
  return async (channel, shopId) => {
    const output = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': { S: `SHOP#${channel}#${shopId}` } },
        Limit: 1,
      }),
    );
    return output.Items?.[0]?.producerId?.S;
  };
}

export interface WebhookSecretsConfig {
  mode: 'production' | 'local';
  ledger: { client: DynamoDBClient; tableName: string };
  secretsManager: SecretsManagerClient;
  /** `WEBHOOK_SECRET_NAME_PREFIX`: endpoint secrets are `<prefix><producerId>/<endpointId>`. */
  namePrefix: string;
}

/**
 * Where producers' endpoint secrets live: AWS Secrets Manager, except in local mode, where the ledger table
 * keeps them (never in the cloud: its stream and backups would carry them; webhooks README, "Secrets").
 */
export function createWebhookSecretStore(config: WebhookSecretsConfig): SecretStore {
  if (config.mode === 'local') return createLedgerSecretStore(config.ledger);
  return createSecretsManagerSecretStore({ client: config.secretsManager, namePrefix: config.namePrefix });
}
