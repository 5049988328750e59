import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { createTestLedgerTable, dynamoCommandsDuring, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRatePermitStore } from '../src/index.js';
import { uid } from './fixtures.js';

describe('shared rate-limit permits in the ledger table', () => {
  let table: TestLedgerTable;
  beforeAll(async () => {
    table = await createTestLedgerTable('rate-permits');
  });
  afterAll(async () => table.drop());

  const intervalMs = 10; // 100 permits a second
  const now = Date.parse('2026-11-23T19:30:00Z');

  it('gives every permit its own moment, however many executions claim at once', async () => {
    const permits = createRatePermitStore({ client: table.client, tableName: table.tableName });
    const key = uid('postmart:app');
    // Twelve executions each reserve 2 permits at the same moment.
    const claims = await Promise.all(
      Array.from({ length: 12 }, () => permits.claim({ key, count: 2, intervalMs, now })),
    );
    // Back to back from now: the 24 permits go one interval apart, none twice.
    const starts = claims.map((claim) => claim.firstAt).toSorted((a, b) => a - b);
    expect(starts).toEqual(Array.from({ length: 12 }, (_, index) => now + index * 2 * intervalMs));
    // A later claim queues behind them; another app's limit is its own.
    expect(await permits.claim({ key, count: 1, intervalMs, now: now + 5 })).toEqual({
      firstAt: now + 24 * intervalMs,
    });
    expect(await permits.claim({ key: uid('shopee:app'), count: 5, intervalMs, now })).toEqual({
      firstAt: now,
    });
  });

  it('starts at the claimant’s now once the limit has been idle, and expires by TTL an hour later', async () => {
    const permits = createRatePermitStore({ client: table.client, tableName: table.tableName });
    const key = uid('lazada:app');
    await permits.claim({ key, count: 3, intervalMs, now });
    const later = now + 60_000;
    expect(await permits.claim({ key, count: 4, intervalMs, now: later })).toEqual({ firstAt: later });
    const { Item } = await DynamoDBDocumentClient.from(table.client).send(
      new GetCommand({ TableName: table.tableName, Key: { pk: `PERMITS#${key}`, sk: 'PACE' } }),
    );
    expect(Item?.nextAt).toBe(later + 4 * intervalMs);
    expect(Item?.expiresAt).toBe(Math.ceil((later + 4 * intervalMs) / 1000) + 3600);
  });

  it('costs one write per claim, whether the limit is idle or busy', async () => {
    const permits = createRatePermitStore({ client: table.client, tableName: table.tableName });
    const key = uid('shopee:app');
    // Idle each time (every claim comes after the last one's permits), then busy (all at the same moment).
    const idle = await dynamoCommandsDuring(table.client, async () => {
      for (let claim = 0; claim < 3; claim += 1) {
        await permits.claim({ key, count: 1, intervalMs, now: now + claim * 1_000 });
      }
    });
    const busy = await dynamoCommandsDuring(table.client, async () => {
      for (let claim = 0; claim < 3; claim += 1)
        await permits.claim({ key, count: 1, intervalMs, now: now + 5_000 });
    });
    expect(idle).toEqual(['UpdateItemCommand', 'UpdateItemCommand', 'UpdateItemCommand']);
    expect(busy).toEqual(['UpdateItemCommand', 'UpdateItemCommand', 'UpdateItemCommand']);
  });
});
