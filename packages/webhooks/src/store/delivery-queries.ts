import type { Delivery, LoggedAttempt } from '../types.js';
import { queryAll, type Table } from './dynamo.js';
import { attemptItem, deliveryItem } from './items.js';
import { byEndpoint, dueIndex, keys } from './keys.js';

/** Read side of the delivery log: what is due, an endpoint's deliveries by time, a message's log. */
export function deliveryQueries(table: Table) {
  return {
    /** Pending deliveries due at `now` or earlier, oldest first. */
    async listDue(now: Date, limit: number): Promise<Delivery[]> {
      const items = await queryAll(
        table,
        {
          IndexName: dueIndex.name,
          KeyConditionExpression: '#pk = :pk AND #sk <= :upTo',
          ExpressionAttributeNames: { '#pk': dueIndex.partitionKey, '#sk': dueIndex.sortKey },
          ExpressionAttributeValues: { ':pk': keys.due, ':upTo': `${now.toISOString()}#~` },
          Limit: limit,
        },
        limit,
      );
      return items.map((item) => deliveryItem.parse(item));
    },

    /** An endpoint's deliveries whose message was created in `[from, to]`. */
    async listByEndpoint(endpointId: string, from: Date, to: Date, limit: number): Promise<Delivery[]> {
      const items = await queryAll(
        table,
        {
          IndexName: byEndpoint.name,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': byEndpoint.partitionKey, '#sk': byEndpoint.sortKey },
          ExpressionAttributeValues: {
            ':pk': keys.byEndpoint(endpointId),
            ':from': from.toISOString(),
            ':to': `${to.toISOString()}#~`,
          },
        },
        limit,
      );
      return items.map((item) => deliveryItem.parse(item));
    },

    async listDeliveries(messageId: string): Promise<Delivery[]> {
      return (await listPrefix(table, messageId, keys.deliveryPrefix)).map((item) =>
        deliveryItem.parse(item),
      );
    },

    /** The delivery log of a message, optionally for one endpoint, in attempt order. */
    async listAttempts(messageId: string, endpointId?: string): Promise<LoggedAttempt[]> {
      return (await listPrefix(table, messageId, keys.attemptPrefix(endpointId))).map((item) =>
        attemptItem.parse(item),
      );
    },
  };
}

function listPrefix(table: Table, messageId: string, prefix: string) {
  return queryAll(table, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.messagePk(messageId), ':prefix': prefix },
    ConsistentRead: true,
  });
}
