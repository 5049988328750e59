import { randomBytes } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigurationError } from '@ocop-sync/runtime';
import { type StateClaims, stateKey } from './state.js';

/** How long a consumed nonce outlives its state, so TTL's lazy deletion never frees one still checkable. */
const NONCE_RETENTION_SECONDS = 3600;

export interface StateKeyConfig {
  mode: 'production' | 'local';
  /** `SHOP_CONNECT_STATE_SECRET_NAME` (read outside local mode). */
  secretName: string;
  ledger: { client: DynamoDBClient; tableName: string };
  secretsManager: SecretsManagerClient;
}

/**
 * Where the state signing key comes from: Secrets Manager, except in local mode, where the ledger table keeps
 * a random key made on first use (as the local webhook secret store does; never in the cloud, where the
 * table's stream and backups would carry it). Fetched once and kept; a failed fetch is retried next time.
 */
export function createStateKeySource(config: StateKeyConfig): () => Promise<Buffer> {
  let key: Promise<Buffer> | undefined;
  const load = config.mode === 'local' ? () => localKey(config.ledger) : () => secretKey(config);
  return () => {
    key ??= load().catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
}

async function secretKey(config: StateKeyConfig): Promise<Buffer> {
  const output = await config.secretsManager.send(new GetSecretValueCommand({ SecretId: config.secretName }));
  if (output.SecretString === undefined) {
    throw new ConfigurationError(`secret ${config.secretName} has no string value`);
  }
  return stateKey(output.SecretString);
}

const localKeyItem = { pk: { S: 'LOCAL-SECRET#shop-connect-state' }, sk: { S: 'SECRET' } };

/** LOCAL MODE ONLY: the first caller writes a random key; every caller then reads the one that won. */
async function localKey(ledger: StateKeyConfig['ledger']): Promise<Buffer> {
  try {
    await ledger.client.send(
      new PutItemCommand({
        TableName: ledger.tableName,
        Item: { ...localKeyItem, value: { S: randomBytes(32).toString('base64url') } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const output = await ledger.client.send(
    new GetItemCommand({ TableName: ledger.tableName, Key: localKeyItem, ConsistentRead: true }),
  );
  const value = output.Item?.value?.S;
  if (value === undefined) throw new ConfigurationError('local shop-connect state key is missing');
  return stateKey(Buffer.from(value, 'base64url'));
}

/**
 * Marks a state's nonce as used with a conditional write: the first callback wins, a replay (the same
 * redirect loaded twice, or a stolen link) is `replayed`. DynamoDB's TTL (`expiresAt`) clears old nonces.
 */
export async function consumeStateNonce(
  ledger: { client: DynamoDBClient; tableName: string },
  claims: StateClaims,
  now: Date,
): Promise<'consumed' | 'replayed'> {
  try {
    await ledger.client.send(
      new PutItemCommand({
        TableName: ledger.tableName,
        Item: {
          pk: { S: `SHOP-CONNECT-STATE#${claims.nonce}` },
          sk: { S: 'NONCE' },
          producerId: { S: claims.producerId },
          channel: { S: claims.channel },
          consumedAt: { S: now.toISOString() },
          expiresAt: { N: String(claims.expiresAt + NONCE_RETENTION_SECONDS) },
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'consumed';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'replayed';
    throw error;
  }
}
