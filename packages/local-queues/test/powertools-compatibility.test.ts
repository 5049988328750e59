import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { type EventSourceMapping, type SqsFunctionHandler, startEventSourceMapping } from '../src/index.js';
import { FAST, queueWithDeadLetters } from './helpers.js';

let mapping: EventSourceMapping | undefined;

afterEach(async () => {
  await mapping?.stop();
});

describe('Powertools batch processing over the local mapping', () => {
  it('dead-letters the records a Powertools BatchProcessor reports, with the rest of the batch deleted', async () => {
    // Prepare
    const { queue, deadLetters } = queueWithDeadLetters({ maxReceiveCount: 2 });
    const processed: string[] = [];
    const processor = new BatchProcessor(EventType.SQS);
    const recordHandler = async (record: SQSRecord) => {
      const detail: { productId: string; stars: number } = JSON.parse(record.body);
      if (detail.stars < 3) throw new Error(`product ${detail.productId} has ${detail.stars} stars`);
      processed.push(detail.productId);
    };
    const handler: SqsFunctionHandler = async (event: SQSEvent, context) =>
      processPartialResponse(event, recordHandler, processor, { context });
    queue.send(JSON.stringify({ productId: 'OCOP-TH-0001', stars: 4 }));
    queue.send(JSON.stringify({ productId: 'OCOP-TH-0002', stars: 2 }));
    queue.send(JSON.stringify({ productId: 'OCOP-TH-0003', stars: 5 }));
    // Act
    mapping = startEventSourceMapping({
      queue,
      handler,
      functionName: 'certification',
      maximumBatchingWindowSeconds: FAST.maximumBatchingWindowSeconds,
      timeoutSeconds: FAST.timeoutSeconds,
    });
    await mapping.whenIdle();
    // Assess
    expect(processed.sort()).toEqual(['OCOP-TH-0001', 'OCOP-TH-0003']);
    expect(deadLetters.peek().map((message) => JSON.parse(message.body).productId)).toEqual(['OCOP-TH-0002']);
  });
});
