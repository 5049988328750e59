import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { WebhooksError } from '../errors.js';
import type { EndpointRef, SecretStore } from '../types.js';
import { conditionally, openTable, type StoreConfig, type Table } from './dynamo.js';
import { secretsItem } from './items.js';
import { keys } from './keys.js';
import { liveSecrets, rotatedList, type StoredSecret } from './secret-list.js';

/**
 * Endpoint secrets in the ledger table (`WEBHOOK-SECRET#<endpointId>`), for LOCAL MODE ONLY: the
 * table's stream and backups would carry them in clear. In the cloud, `createSecretsManagerSecretStore`
 * holds the same list, one secret per endpoint.
 */
export function createLedgerSecretStore(config: StoreConfig): SecretStore {
  const table = openTable(config);
  return {
    async create(ref, secret, now) {
      await write(table, ref, [{ secret, createdAt: now.toISOString() }], undefined);
    },

    async rotate(ref, secret, now, overlapUntil) {
      const { secrets, version } = await read(table, ref);
      await write(table, ref, rotatedList(secrets, secret, now, overlapUntil), version);
    },

    async finishRotation(ref) {
      const { secrets, version } = await read(table, ref);
      await write(table, ref, secrets.slice(0, 1), version);
    },

    async remove(ref) {
      await table.doc.send(
        new DeleteCommand({ TableName: table.tableName, Key: keys.secrets(ref.endpointId) }),
      );
    },

    async signingSecrets(ref, now) {
      const { secrets } = await read(table, ref);
      return liveSecrets(secrets, now);
    },
  };
}

async function read(
  table: Table,
  ref: EndpointRef,
): Promise<{ secrets: StoredSecret[]; version: number | undefined }> {
  const result = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: keys.secrets(ref.endpointId), ConsistentRead: true }),
  );
  if (result.Item === undefined) return { secrets: [], version: undefined };
  const version = typeof result.Item.version === 'number' ? result.Item.version : 0;
  return { secrets: secretsItem.parse(result.Item).secrets, version };
}

/** Optimistic write: two rotations at once cannot both win and silently drop a secret. */
async function write(
  table: Table,
  ref: EndpointRef,
  secrets: StoredSecret[],
  version: number | undefined,
): Promise<void> {
  const written = await conditionally(() =>
    table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.secrets(ref.endpointId),
          entity: 'webhook-secrets',
          producerId: ref.producerId,
          secrets,
          version: (version ?? 0) + 1,
        },
        ConditionExpression: version === undefined ? 'attribute_not_exists(pk)' : 'version = :version',
        ExpressionAttributeValues: version === undefined ? undefined : { ':version': version },
      }),
    ),
  );
  if (!written) throw new WebhooksError(`secrets of endpoint ${ref.endpointId} changed concurrently; retry`);
}
