import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { byArea, byProducer } from './keys.js';
import { listingRecord, productRecord } from './records.js';
import { parseStored } from './store.js';
import { ledgerTable } from './table-definition.js';
import type { Listing, Product } from './types.js';

const { indexes } = ledgerTable;

export interface CoverageReadOptions {
  client: DynamoDBClient;
  tableName: string;
}

/**
 * Read-only queries for the operator's coverage report (certified products and live listings by area),
 * apart from the ledger's write paths. Every read is paginated to the end.
 */
export interface CoverageQueries {
  /**
   * Products of one province (Query gsi2 `AREA#<province>`), or of every province. No index is keyed by
   * "all areas", so the latter is a Scan of gsi2 filtered on `AREA#` keys: it reads the index's products
   * and its lookup items (shops, SKUs, marketplace items), a few items per product — fine for a report an
   * operator runs by hand, not for a request path.
   */
  productsByArea(province?: string): Promise<Product[]>;
  /** Every listing of a producer (Query gsi1 `PRODUCER#<id>`, `begins_with LISTING#`). */
  listingsOfProducer(producerId: string): Promise<Listing[]>;
}

export function createCoverageQueries(options: CoverageReadOptions): CoverageQueries {
  const documents = DynamoDBDocumentClient.from(options.client);
  const { tableName } = options;
  return {
    async productsByArea(province) {
      const items =
        province === undefined
          ? await scanAreaItems(documents, tableName)
          : await queryAll(documents, tableName, indexes.byArea.name, {
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': indexes.byArea.partitionKey },
              ExpressionAttributeValues: { ':pk': byArea.pk(province) },
            });
      return items.map((item) => parseStored(item, productRecord));
    },
    async listingsOfProducer(producerId) {
      const items = await queryAll(documents, tableName, indexes.byProducer.name, {
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: {
          '#pk': indexes.byProducer.partitionKey,
          '#sk': indexes.byProducer.sortKey,
        },
        ExpressionAttributeValues: { ':pk': byProducer.pk(producerId), ':prefix': byProducer.listingPrefix },
      });
      return items.map((item) => parseStored(item, listingRecord));
    },
  };
}

type Item = Record<string, unknown>;

async function queryAll(
  documents: DynamoDBDocumentClient,
  tableName: string,
  indexName: string,
  input: {
    KeyConditionExpression: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues: Record<string, unknown>;
  },
): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of paginateQuery(
    { client: documents },
    { TableName: tableName, IndexName: indexName, ...input },
  )) {
    items.push(...(page.Items ?? []));
  }
  return items;
}

async function scanAreaItems(documents: DynamoDBDocumentClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        IndexName: indexes.byArea.name,
        FilterExpression: 'begins_with(#pk, :area)',
        ExpressionAttributeNames: { '#pk': indexes.byArea.partitionKey },
        ExpressionAttributeValues: { ':area': 'AREA#' },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
