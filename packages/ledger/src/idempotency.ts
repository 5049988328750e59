import { EVENT_MARKER_TTL_SECONDS } from './constants.js';
import { eventMarkerKey } from './keys.js';
import type { TransactItem } from './store.js';

/**
 * A processed-event marker: written in the same transaction as the change it guards, so an event is either
 * applied and marked, or neither. DynamoDB's TTL removes it after 30 days; a later redelivery is then
 * recognised by the version check instead ("stale").
 */
export function eventMarkerPut(
  tableName: string,
  eventId: string,
  detailType: string,
  now: Date,
): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...eventMarkerKey(eventId),
        entity: 'event-marker',
        eventId,
        detailType,
        processedAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + EVENT_MARKER_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A put that only succeeds if the item is absent (first write) or still at the revision read before. */
export function putAtRevision(
  tableName: string,
  item: Record<string, unknown>,
  attribute: string,
  readRevision: number | undefined,
): TransactItem {
  if (readRevision === undefined) {
    return { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }
  return {
    Put: {
      TableName: tableName,
      Item: item,
      ConditionExpression: '#revision = :readRevision',
      ExpressionAttributeNames: { '#revision': attribute },
      ExpressionAttributeValues: { ':readRevision': readRevision },
    },
  };
}
