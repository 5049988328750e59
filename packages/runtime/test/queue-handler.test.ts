import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogueEvent } from '@ocop-sync/domain';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import {
  createObservability,
  createQueueHandler,
  type DeadLetterParker,
  type ParkReason,
} from '../src/index.js';

const samples = join(import.meta.dirname, '../../../events/samples');
const sale = (
  JSON.parse(readFileSync(join(samples, 'showroom/movements.json'), 'utf8')) as unknown[]
)[4] as Record<string, unknown>;

const config = loadConfig({
  LEDGER_TABLE_NAME: 't',
  EVENT_BUS_NAME: 'b',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  POWERTOOLS_METRICS_DISABLED: 'true',
});

function record(id: string, body: unknown): SQSRecord {
  return {
    messageId: id,
    receiptHandle: `rh-${id}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:q',
    awsRegion: 'ap-southeast-1',
  };
}

const envelope = (entry: Record<string, unknown>) => ({
  version: '0',
  id: 'e-1',
  account: '000000000000',
  time: '2024-11-17T03:15:00Z',
  region: 'ap-southeast-1',
  resources: [],
  ...entry,
});

const context = { functionName: 'test', awsRequestId: 'r-1' } as Context;

function setup(handle: (event: CatalogueEvent) => Promise<void>) {
  const parked: Array<{ id: string; reason: ParkReason }> = [];
  const parker: DeadLetterParker = {
    park: async (rec, reason) => {
      parked.push({ id: rec.messageId, reason });
    },
  };
  const handler = createQueueHandler({ ...createObservability(config, 'test'), parker }, handle);
  return { handler, parked };
}

describe('queue handler', () => {
  it('hands a valid event to the handler, parsed and typed', async () => {
    const seen: string[] = [];
    const { handler, parked } = setup(async (event) => {
      seen.push(event['detail-type']);
    });
    const event: SQSEvent = { Records: [record('m1', envelope(sale))] };
    await expect(handler(event, context)).resolves.toEqual({ batchItemFailures: [] });
    expect(seen).toEqual(['StockSold']);
    expect(parked).toEqual([]);
  });

  it('parks an invalid event with the field and the rule, without calling the handler or retrying it', async () => {
    const seen: string[] = [];
    const { handler, parked } = setup(async (event) => {
      seen.push(event['detail-type']);
    });
    const bad = envelope({ ...sale, detail: { ...(sale.detail as object), quantity: 1.5 } });
    const result = await handler({ Records: [record('m1', bad), record('m2', '{not json')] }, context);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual([]);
    expect(parked).toEqual([
      { id: 'm1', reason: { errorType: 'InvalidEvent', message: 'detail.quantity: must be a whole number' } },
      { id: 'm2', reason: { errorType: 'InvalidEvent', message: '(body): is not valid JSON' } },
    ]);
  });

  it('reports only the records whose handling failed, so only they are retried', async () => {
    const { handler } = setup(async (event) => {
      if (event['detail-type'] === 'StockSold' && event.id === 'e-2') throw new Error('ledger unavailable');
    });
    const result = await handler(
      { Records: [record('m1', envelope(sale)), record('m2', { ...envelope(sale), id: 'e-2' })] },
      context,
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
  });
});
