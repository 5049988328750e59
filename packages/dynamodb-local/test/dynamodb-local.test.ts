import { DescribeTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ledgerTable } from '@ocop-sync/ledger/table-definition';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('DynamoDB Local harness', () => {
  let table: TestLedgerTable;
  beforeAll(async () => {
    table = await createTestLedgerTable();
  });
  afterAll(async () => table.drop());

  it('creates the ledger table with the shared key schema and indexes', async () => {
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: ledgerTable.partitionKey, KeyType: 'HASH' },
      { AttributeName: ledgerTable.sortKey, KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([
      'gsi1',
      'gsi2',
      'gsi3',
      'gsi4',
    ]);
    expect(Table?.StreamSpecification?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
  });

  it('stores and reads back Vietnamese text unchanged over real HTTP', async () => {
    const name = 'Chè Shan tuyết Suối Giàng';
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { pk: { S: 'T#1' }, sk: { S: 'T' }, name: { S: name } },
      }),
    );
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: 'T#1' }, sk: { S: 'T' } } }),
    );
    expect(Item?.name?.S).toBe(name);
  });
});
