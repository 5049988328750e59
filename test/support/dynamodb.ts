import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localCredentials } from '@ocop-sync/dynamodb-local';
import { createLedgerTableInput } from '@ocop-sync/ledger/table-definition';
import { inject } from 'vitest';

export interface TestLedgerTable {
  client: DynamoDBClient;
  tableName: string;
  drop(): Promise<void>;
}

/** A DynamoDB client for the run's DynamoDB Local (started by test/global-setup.ts). */
export function localDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: inject('dynamoDbEndpoint'),
    region: 'local',
    credentials: localCredentials,
  });
}

/** Creates a ledger table under a unique name, so test files never share state. */
export async function createTestLedgerTable(prefix = 'ledger'): Promise<TestLedgerTable> {
  const client = localDynamoDbClient();
  const tableName = `${prefix}-${randomUUID()}`;
  await client.send(new CreateTableCommand(createLedgerTableInput(tableName)));
  return {
    client,
    tableName,
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
