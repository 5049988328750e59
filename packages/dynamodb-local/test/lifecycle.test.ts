import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { localCredentials, startDynamoDbLocal } from '../src/index.js';

describe('startDynamoDbLocal', () => {
  it('answers once started and frees its port once stopped', async () => {
    const db = await startDynamoDbLocal();
    const client = new DynamoDBClient({
      endpoint: db.endpoint,
      region: 'local',
      credentials: localCredentials,
      maxAttempts: 1,
    });
    await expect(client.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
    await db.stop();
    await expect(client.send(new ListTablesCommand({}))).rejects.toThrow();
    await db.stop();
    client.destroy();
  });
});
