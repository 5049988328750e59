import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactGetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { toIssues } from '@ocop-sync/domain';
import type { z } from 'zod';
import { LedgerCorruptItemError, LedgerError } from './errors.js';
import type { ItemKey } from './keys.js';
import { type LedgerIndexName, ledgerTable } from './table-definition.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type StoredItem = Record<string, unknown>;

/** Why each action of a cancelled transaction failed, in the order the actions were sent. */
export type CancellationCode = 'ConditionalCheckFailed' | 'TransactionConflict' | 'None' | 'Other';
export type WriteOutcome = { ok: true } | { ok: false; codes: CancellationCode[] };

/**
 * The DynamoDB edge: condition failures and cancelled transactions become values here; every other SDK
 * error (throttling after the SDK's own retries, permissions, outages) is re-thrown unchanged.
 */
export interface Store {
  readonly tableName: string;
  get<S extends z.ZodType>(key: ItemKey, schema: S): Promise<z.output<S> | undefined>;
  transactGet(keys: readonly ItemKey[]): Promise<(StoredItem | undefined)[]>;
  /**
   * Strongly consistent reads of a few items in one request (BatchGetItem), in the order of `keys`. Each item is
   * read as a consistent GetItem would read it (no isolation between them, unlike `transactGet`).
   */
  getMany(keys: readonly ItemKey[]): Promise<(StoredItem | undefined)[]>;
  transactWrite(items: TransactItem[]): Promise<WriteOutcome>;
  putIfAbsent(item: StoredItem): Promise<boolean>;
  query(index: LedgerIndexName | undefined, input: QueryParts): Promise<StoredItem[]>;
}

export interface QueryParts {
  keyCondition: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
  /** Stop after this many items (pages are still read in key order); all of them when absent. */
  limit?: number;
}

export function createStore(client: DynamoDBClient, tableName: string): Store {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    tableName,
    async get(key, schema) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
      );
      return Item === undefined ? undefined : parseItem(key, Item, schema);
    },
    async transactGet(keys) {
      const { Responses } = await documents.send(
        new TransactGetCommand({
          TransactItems: keys.map((Key) => ({ Get: { TableName: tableName, Key } })),
        }),
      );
      return keys.map((_, index) => Responses?.[index]?.Item);
    },
    getMany: (keys) => getMany(documents, tableName, keys),
    transactWrite: (items) => transactWrite(documents, items),
    putIfAbsent: (item) => putIfAbsent(documents, tableName, item),
    async query(index, parts) {
      return queryAll(documents, {
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: parts.keyCondition,
        ExpressionAttributeNames: Object.keys(parts.names).length > 0 ? parts.names : undefined,
        ExpressionAttributeValues: parts.values,
        Limit: parts.limit,
      });
    },
  };
}

/** BatchGetItem takes at most 100 keys (DynamoDB API reference, BatchGetItem). */
const MAX_BATCH_GET_KEYS = 100;
/** Unprocessed keys (throttling, the 16 MB answer limit) are asked again after a short pause, a few times. */
const BATCH_GET_ROUNDS = 5;

async function getMany(
  documents: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
): Promise<(StoredItem | undefined)[]> {
  if (keys.length > MAX_BATCH_GET_KEYS)
    throw new RangeError(`getMany takes at most ${MAX_BATCH_GET_KEYS} keys`);
  const found = new Map<string, StoredItem>();
  let pending: BatchGetCommandInput['RequestItems'] = {
    [tableName]: { Keys: keys.map((key) => ({ ...key })), ConsistentRead: true },
  };
  for (let round = 0; pending !== undefined && round < BATCH_GET_ROUNDS; round += 1) {
    if (round > 0) await sleep(25 * 2 ** round);
    const page: BatchGetCommandOutput = await documents.send(new BatchGetCommand({ RequestItems: pending }));
    for (const item of page.Responses?.[tableName] ?? []) found.set(itemId(item), item);
    const left: StoredItem[] | undefined = page.UnprocessedKeys?.[tableName]?.Keys;
    pending =
      left !== undefined && left.length > 0
        ? { [tableName]: { Keys: left, ConsistentRead: true } }
        : undefined;
  }
  if (pending !== undefined) {
    throw new LedgerError(`BatchGetItem left keys unprocessed after ${BATCH_GET_ROUNDS} rounds`, {
      retryable: true,
    });
  }
  return keys.map((key) => found.get(itemId(key)));
}

const itemId = (item: ItemKey | StoredItem) =>
  `${String(item[ledgerTable.partitionKey])}\u0000${String(item[ledgerTable.sortKey])}`;

async function putIfAbsent(documents: DynamoDBDocumentClient, tableName: string, item: StoredItem) {
  try {
    await documents.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

async function transactWrite(
  documents: DynamoDBDocumentClient,
  items: TransactItem[],
): Promise<WriteOutcome> {
  try {
    await documents.send(new TransactWriteCommand({ TransactItems: items }));
    return { ok: true };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const codes = (error.CancellationReasons ?? []).map((reason) => toCode(reason.Code));
    // Throttling or validation inside a transaction is not a domain outcome: let it surface.
    if (codes.length === 0 || codes.includes('Other')) throw error;
    return { ok: false, codes };
  }
}

async function queryAll(documents: DynamoDBDocumentClient, input: QueryCommandInput): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let startKey: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await documents.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && (input.Limit === undefined || items.length < input.Limit));
  return input.Limit === undefined ? items : items.slice(0, input.Limit);
}

export function parseItem<S extends z.ZodType>(key: ItemKey, item: StoredItem, schema: S): z.output<S> {
  const parsed = schema.safeParse(item);
  if (!parsed.success) throw new LedgerCorruptItemError(key, toIssues(parsed.error));
  return parsed.data;
}

/** Parses an item that carries its own pk/sk (query results). */
export function parseStored<S extends z.ZodType>(item: StoredItem, schema: S): z.output<S> {
  const key = { pk: String(item[ledgerTable.partitionKey]), sk: String(item[ledgerTable.sortKey]) };
  return parseItem(key, item, schema);
}

function toCode(code: string | undefined): CancellationCode {
  if (code === 'ConditionalCheckFailed' || code === 'TransactionConflict' || code === 'None') return code;
  return code === undefined ? 'None' : 'Other';
}
