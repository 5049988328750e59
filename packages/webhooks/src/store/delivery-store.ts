import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RETENTION_DAYS } from '../constants.js';
import type { NextAttemptPlan } from '../schedule.js';
import type {
  AttemptResult,
  Delivery,
  DeliveryStatus,
  Endpoint,
  LoggedAttempt,
  WebhookMessage,
} from '../types.js';
import { conditionally, type Table } from './dynamo.js';
import { deliveryItem, messageItem } from './items.js';
import { byEndpoint, dueIndex, expiresAt, keys } from './keys.js';

const dueKeys = (delivery: Pick<Delivery, 'messageId' | 'endpointId'>, dueAt: string) => ({
  [dueIndex.partitionKey]: keys.due,
  [dueIndex.sortKey]: keys.dueSort(dueAt, delivery.messageId, delivery.endpointId),
});

/** Messages, their per-endpoint deliveries and the attempt log (see keys.ts for the layout). */
export function deliveryStore(table: Table) {
  const put = (item: Record<string, unknown>, condition?: string) =>
    conditionally(() =>
      table.doc.send(
        new PutCommand({ TableName: table.tableName, Item: item, ConditionExpression: condition }),
      ),
    );
  const get = async (key: Record<string, string>) =>
    (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true })))
      .Item;

  return {
    /** Stores a message once; `false` when its id is already there (the same domain event again). */
    putMessage(message: WebhookMessage, now: Date): Promise<boolean> {
      const item = {
        ...keys.message(message.messageId),
        entity: 'webhook-message',
        ...message,
        createdAt: now.toISOString(),
      };
      return put({ ...item, expiresAt: expiresAt(now, RETENTION_DAYS) }, 'attribute_not_exists(pk)');
    },

    async getMessage(messageId: string): Promise<WebhookMessage | undefined> {
      const item = await get(keys.message(messageId));
      return item === undefined ? undefined : messageItem.parse(item);
    },

    /** One delivery per message × endpoint: pending (and due now) for an active endpoint, missed otherwise. */
    async createDelivery(
      message: WebhookMessage,
      endpoint: Endpoint,
      now: Date,
    ): Promise<Delivery | undefined> {
      const status: DeliveryStatus = endpoint.status === 'active' ? 'pending' : 'missed';
      const delivery: Delivery = {
        messageId: message.messageId,
        producerId: endpoint.producerId,
        endpointId: endpoint.endpointId,
        status,
        dueAt: now.toISOString(),
        attempts: 0,
        scheduleStep: 0,
        messageCreatedAt: now.toISOString(),
      };
      const item = {
        ...keys.delivery(message.messageId, endpoint.endpointId),
        entity: 'webhook-delivery',
        ...delivery,
        [byEndpoint.partitionKey]: keys.byEndpoint(endpoint.endpointId),
        [byEndpoint.sortKey]: keys.byEndpointSort(delivery.messageCreatedAt, message.messageId),
        ...(status === 'pending' ? dueKeys(delivery, delivery.dueAt) : {}),
        expiresAt: expiresAt(now, RETENTION_DAYS),
      };
      return (await put(item, 'attribute_not_exists(pk)')) ? delivery : undefined;
    },

    async getDelivery(messageId: string, endpointId: string): Promise<Delivery | undefined> {
      const item = await get(keys.delivery(messageId, endpointId));
      return item === undefined ? undefined : deliveryItem.parse(item);
    },

    /**
     * Takes the next attempt of a pending delivery: numbers it and leases the delivery until
     * `leaseUntil` (it stays in the due index, so a crashed worker's attempt is picked up again).
     * `false` when another worker took it first.
     */
    claim(delivery: Delivery, leaseUntil: Date): Promise<boolean> {
      return update(table, delivery, {
        expression: 'SET attempts = :next, scheduleStep = :step, dueAt = :lease, #dueSort = :dueSort',
        condition: 'attempts = :current AND #status = :pending',
        names: { '#status': 'status', '#dueSort': dueIndex.sortKey },
        values: {
          ':current': delivery.attempts,
          ':next': delivery.attempts + 1,
          ':step': delivery.scheduleStep + 1,
          ':pending': 'pending',
          ':lease': leaseUntil.toISOString(),
          ':dueSort': keys.dueSort(leaseUntil.toISOString(), delivery.messageId, delivery.endpointId),
        },
      });
    },

    /** Logs the attempt and moves the claimed delivery on: due again at the plan's time, or finished. */
    async finishAttempt(
      claimed: Delivery,
      result: AttemptResult,
      plan: NextAttemptPlan,
      now: Date,
    ): Promise<void> {
      const attempt: LoggedAttempt = {
        ...result,
        messageId: claimed.messageId,
        endpointId: claimed.endpointId,
        attemptNumber: claimed.attempts,
      };
      const attemptKey = keys.attempt(claimed.messageId, claimed.endpointId, claimed.attempts);
      await put({
        ...attemptKey,
        entity: 'webhook-attempt',
        ...attempt,
        expiresAt: expiresAt(now, RETENTION_DAYS),
      });
      const status = plan.kind === 'attempt' ? 'pending' : plan.status;
      const dueAt = plan.kind === 'attempt' ? plan.at.toISOString() : claimed.dueAt;
      await update(table, claimed, {
        expression:
          plan.kind === 'attempt'
            ? 'SET #status = :status, lastOutcome = :outcome, dueAt = :dueAt, #dueSort = :dueSort'
            : 'SET #status = :status, lastOutcome = :outcome REMOVE #dueSort, #duePk',
        condition: 'attempts = :attempts',
        names: {
          '#status': 'status',
          '#dueSort': dueIndex.sortKey,
          ...(plan.kind === 'attempt' ? {} : { '#duePk': dueIndex.partitionKey }),
        },
        values: {
          ':status': status,
          ':outcome': result.outcome,
          ':attempts': claimed.attempts,
          ...(plan.kind === 'attempt'
            ? { ':dueAt': dueAt, ':dueSort': keys.dueSort(dueAt, claimed.messageId, claimed.endpointId) }
            : {}),
        },
      });
    },

    /** A delivery to a disabled endpoint leaves the due index; re-enabling the endpoint replays it. */
    markMissed(delivery: Delivery): Promise<boolean> {
      return update(table, delivery, {
        expression: 'SET #status = :missed REMOVE #duePk, #dueSort',
        condition: '#status = :pending',
        names: { '#status': 'status', '#duePk': dueIndex.partitionKey, '#dueSort': dueIndex.sortKey },
        values: { ':missed': 'missed', ':pending': 'pending' },
      });
    },

    /** Starts the schedule again from the first attempt (a replay); the attempt log keeps its numbering. */
    async reschedule(
      delivery: Delivery,
      now: Date,
      from: readonly DeliveryStatus[],
    ): Promise<Delivery | undefined> {
      const dueAt = now.toISOString();
      const statuses = Object.fromEntries(from.map((status, index) => [`:from${index}`, status]));
      const ok = await update(table, delivery, {
        expression:
          'SET #status = :pending, scheduleStep = :zero, dueAt = :dueAt, #duePk = :duePk, #dueSort = :dueSort',
        condition: `#status IN (${Object.keys(statuses).join(', ')})`,
        names: { '#status': 'status', '#duePk': dueIndex.partitionKey, '#dueSort': dueIndex.sortKey },
        values: {
          ...statuses,
          ':pending': 'pending',
          ':zero': 0,
          ':dueAt': dueAt,
          ':duePk': keys.due,
          ':dueSort': keys.dueSort(dueAt, delivery.messageId, delivery.endpointId),
        },
      });
      return ok ? { ...delivery, status: 'pending', scheduleStep: 0, dueAt } : undefined;
    },
  };
}

export type DeliveryStore = ReturnType<typeof deliveryStore>;

interface DeliveryUpdate {
  expression: string;
  condition: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

function update(
  table: Table,
  delivery: Pick<Delivery, 'messageId' | 'endpointId'>,
  change: DeliveryUpdate,
): Promise<boolean> {
  return conditionally(() =>
    table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.delivery(delivery.messageId, delivery.endpointId),
        UpdateExpression: change.expression,
        ConditionExpression: change.condition,
        ExpressionAttributeNames: change.names,
        ExpressionAttributeValues: change.values,
      }),
    ),
  );
}
