import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookEventType } from '../payloads.js';
import type { Endpoint, EndpointRef } from '../types.js';
import { conditionally, queryAll, type Table } from './dynamo.js';
import { endpointItem } from './items.js';
import { keys } from './keys.js';

export interface EndpointChanges {
  url?: string;
  eventTypes?: readonly WebhookEventType[];
  description?: string;
}

/** `url` is a DynamoDB reserved word: every changed field goes through an attribute name. */
const changeableFields = ['url', 'eventTypes', 'description'] as const;

/** Endpoints under `PRODUCER#<id>` / `ENDPOINT#<id>`, and their health counters. */
export function endpointStore(table: Table) {
  const key = (ref: EndpointRef) => keys.endpoint(ref.producerId, ref.endpointId);
  return {
    async create(endpoint: Endpoint): Promise<void> {
      await table.doc.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...key(endpoint), entity: 'webhook-endpoint', ...endpoint },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async get(ref: EndpointRef): Promise<Endpoint | undefined> {
      const result = await table.doc.send(
        new GetCommand({ TableName: table.tableName, Key: key(ref), ConsistentRead: true }),
      );
      return result.Item === undefined ? undefined : endpointItem.parse(result.Item);
    },

    async list(producerId: string): Promise<Endpoint[]> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.producer(producerId), ':prefix': keys.endpointPrefix },
        ConsistentRead: true,
      });
      return items.map((item) => endpointItem.parse(item));
    },

    /** Applies the given changes; `undefined` when the endpoint does not exist. */
    async update(ref: EndpointRef, changes: EndpointChanges, now: Date): Promise<Endpoint | undefined> {
      const values: Record<string, unknown> = { ':now': now.toISOString() };
      const names: Record<string, string> = {};
      const sets = ['updatedAt = :now'];
      for (const field of changeableFields) {
        const value = changes[field];
        if (value === undefined) continue;
        sets.push(`#${field} = :${field}`);
        names[`#${field}`] = field;
        values[`:${field}`] = value;
      }
      return updateReturning(
        table,
        key(ref),
        `SET ${sets.join(', ')}`,
        values,
        'attribute_exists(pk)',
        names,
      );
    },

    /** A success ends the run of failures (a no-op write is skipped by the condition). */
    async recordSuccess(ref: EndpointRef): Promise<void> {
      await conditionally(() =>
        table.doc.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: key(ref),
            UpdateExpression: 'SET consecutiveFailures = :zero REMOVE failingSince',
            ConditionExpression: 'attribute_exists(pk) AND consecutiveFailures > :zero',
            ExpressionAttributeValues: { ':zero': 0 },
          }),
        ),
      );
    },

    async recordFailure(ref: EndpointRef, now: Date): Promise<Endpoint | undefined> {
      return updateReturning(
        table,
        key(ref),
        'SET failingSince = if_not_exists(failingSince, :now) ADD consecutiveFailures :one',
        { ':now': now.toISOString(), ':one': 1 },
        'attribute_exists(pk)',
      );
    },

    /** `true` only for the caller that flipped it: exactly one fallback notice per disable. */
    async disable(ref: EndpointRef, now: Date): Promise<boolean> {
      return transition(table, key(ref), 'active', {
        expression: 'SET #status = :to, updatedAt = :now, disabledAt = :now',
        values: { ':to': 'disabled', ':now': now.toISOString() },
      });
    },

    async enable(ref: EndpointRef, now: Date): Promise<boolean> {
      return transition(table, key(ref), 'disabled', {
        expression:
          'SET #status = :to, updatedAt = :now, consecutiveFailures = :zero REMOVE disabledAt, failingSince',
        values: { ':to': 'active', ':now': now.toISOString(), ':zero': 0 },
      });
    },
  };
}

export type EndpointStore = ReturnType<typeof endpointStore>;

async function updateReturning(
  table: Table,
  key: Record<string, string>,
  expression: string,
  values: Record<string, unknown>,
  condition: string,
  names?: Record<string, string>,
): Promise<Endpoint | undefined> {
  let attributes: Record<string, unknown> | undefined;
  const updated = await conditionally(async () => {
    const result = await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: key,
        UpdateExpression: expression,
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
        ExpressionAttributeNames: names !== undefined && Object.keys(names).length > 0 ? names : undefined,
        ReturnValues: 'ALL_NEW',
      }),
    );
    attributes = result.Attributes;
  });
  return updated && attributes !== undefined ? endpointItem.parse(attributes) : undefined;
}

/** A status change guarded by the current status, so two workers never both disable (or enable) it. */
function transition(
  table: Table,
  key: Record<string, string>,
  from: 'active' | 'disabled',
  update: { expression: string; values: Record<string, unknown> },
): Promise<boolean> {
  return conditionally(() =>
    table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: key,
        UpdateExpression: update.expression,
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...update.values, ':from': from },
      }),
    ),
  );
}
