import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLocalQueue,
  EnvironmentMismatchError,
  type EventSourceMapping,
  InvalidConfigurationError,
  type SqsFunctionHandler,
  startEventSourceMapping,
} from '../src/index.js';
import { FAST, productEventBody, queueWithDeadLetters, uniqueName } from './helpers.js';

const started: EventSourceMapping[] = [];

function start(options: Parameters<typeof startEventSourceMapping>[0]): EventSourceMapping {
  const mapping = startEventSourceMapping(options);
  started.push(mapping);
  return mapping;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((mapping) => mapping.stop()));
});

function bodies(event: SQSEvent): string[] {
  return event.Records.map((record) => record.body);
}

describe('event source mapping', () => {
  it('retries a failing record up to maxReceiveCount, then dead-letters it with its error while the rest of its batch succeeds', async () => {
    // Prepare
    const { queue, deadLetters } = queueWithDeadLetters({ maxReceiveCount: 3 });
    const handled: string[] = [];
    const handler: SqsFunctionHandler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      const failures = event.Records.filter((record) => record.body === 'poison').map((record) => ({
        itemIdentifier: record.messageId,
      }));
      handled.push(...bodies(event).filter((body) => body !== 'poison'));
      return { batchItemFailures: failures };
    };
    const poisonId = queue.send('poison');
    queue.send('good-1');
    queue.send('good-2');
    // Act
    const mapping = start({
      queue,
      handler,
      functionName: 'listing-sync-shopee',
      batchSize: 10,
      maximumBatchingWindowSeconds: FAST.maximumBatchingWindowSeconds,
      timeoutSeconds: FAST.timeoutSeconds,
    });
    await mapping.whenIdle();
    // Assess
    expect(handled.sort()).toEqual(['good-1', 'good-2']);
    expect(deadLetters.peek()).toEqual([
      expect.objectContaining({
        messageId: poisonId,
        body: 'poison',
        receiveCount: 3,
        lastError: 'Reported in batchItemFailures by listing-sync-shopee',
      }),
    ]);
    expect(mapping.stats()).toMatchObject({ recordsSucceeded: 2, recordsFailed: 3 });
  });

  it('retries the whole batch when the handler throws and dead-letters it with the thrown error', async () => {
    // Prepare
    const { queue, deadLetters } = queueWithDeadLetters({ maxReceiveCount: 2 });
    const attempts: string[][] = [];
    const handler: SqsFunctionHandler = async (event: SQSEvent) => {
      attempts.push(bodies(event).sort());
      throw new Error('Postmart answered 503');
    };
    queue.send('a');
    queue.send('b');
    // Act
    const mapping = start({
      queue,
      handler,
      functionName: 'listing-sync-postmart',
      maximumBatchingWindowSeconds: FAST.maximumBatchingWindowSeconds,
      timeoutSeconds: FAST.timeoutSeconds,
    });
    await mapping.whenIdle();
    // Assess
    expect(attempts).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
    expect(deadLetters.peek().map((message) => [message.body, message.lastError])).toEqual([
      ['a', 'Error: Postmart answered 503'],
      ['b', 'Error: Postmart answered 503'],
    ]);
  });

  it('treats a handler that outlives its timeout as a failed batch', async () => {
    // Prepare
    const { queue, deadLetters } = queueWithDeadLetters({ maxReceiveCount: 1 });
    const handler: SqsFunctionHandler = (_event, context) =>
      new Promise((resolve) => setTimeout(resolve, context.getRemainingTimeInMillis() + 30));
    queue.send('slow');
    // Act
    const mapping = start({ queue, handler, functionName: 'producer-notifier', timeoutSeconds: 0.03 });
    await mapping.whenIdle();
    // Assess
    expect(deadLetters.peek()[0]?.lastError).toBe('Task timed out after 0.03 seconds');
  });

  it('lets records redriven from the dead-letter queue succeed once the fault is fixed', async () => {
    // Prepare
    const { queue, deadLetters } = queueWithDeadLetters({ maxReceiveCount: 1 });
    let marketplaceUp = false;
    const handled: string[] = [];
    const handler: SqsFunctionHandler = async (event: SQSEvent) => {
      if (!marketplaceUp) throw new Error('Lazada is down');
      handled.push(...bodies(event));
    };
    const mapping = start({
      queue,
      handler,
      functionName: 'listing-sync-lazada',
      timeoutSeconds: FAST.timeoutSeconds,
    });
    queue.send(productEventBody('OCOP-LC-0101'));
    queue.send(productEventBody('OCOP-LC-0102'));
    await mapping.whenIdle();
    const deadLettered = deadLetters.peek().length;
    // Act
    marketplaceUp = true;
    const result = deadLetters.redrive({ destination: queue });
    await mapping.whenIdle();
    // Assess
    expect(deadLettered).toBe(2);
    expect(result.moved).toHaveLength(2);
    expect(handled.map((body) => JSON.parse(body).detail.productId).sort()).toEqual([
      'OCOP-LC-0101',
      'OCOP-LC-0102',
    ]);
    expect(deadLetters.depth()).toMatchObject({ visible: 0, inFlight: 0 });
  });

  it('never runs more invocations at once than maximumConcurrency', async () => {
    // Prepare
    const queue = createLocalQueue({ name: uniqueName('certification'), visibilityTimeoutSeconds: 5 });
    let running = 0;
    let peak = 0;
    let handledCount = 0;
    const handler: SqsFunctionHandler = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      handledCount += 1;
    };
    for (let index = 0; index < 50; index += 1) queue.send(`product-${index}`);
    // Act
    const mapping = start({
      queue,
      handler,
      functionName: 'certification',
      batchSize: 1,
      maximumConcurrency: 3,
    });
    await mapping.whenIdle();
    // Assess
    expect(handledCount).toBe(50);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    expect(mapping.stats().peakConcurrency).toBeLessThanOrEqual(3);
  });

  it('gathers messages sent together into one batch of at most batchSize within the batching window', async () => {
    // Prepare
    const queue = createLocalQueue({ name: uniqueName('stock-ledger'), visibilityTimeoutSeconds: 5 });
    const batchSizes: number[] = [];
    const handler: SqsFunctionHandler = async (event: SQSEvent) => {
      batchSizes.push(event.Records.length);
    };
    const mapping = start({
      queue,
      handler,
      functionName: 'stock-ledger',
      batchSize: 4,
      maximumBatchingWindowSeconds: 0.1,
      maximumConcurrency: 2,
    });
    // Act
    queue.send('movement-1');
    await new Promise((resolve) => setTimeout(resolve, 10));
    queue.send('movement-2');
    queue.send('movement-3');
    await mapping.whenIdle();
    for (let index = 0; index < 6; index += 1) queue.send(`burst-${index}`);
    await mapping.whenIdle();
    // Assess
    expect(batchSizes[0]).toBe(3);
    expect(batchSizes.slice(1).sort()).toEqual([2, 4]);
  });

  it('invokes the handler with a real SQS event and a Lambda context', async () => {
    // Prepare
    const queue = createLocalQueue({ name: uniqueName('producer-notifier'), visibilityTimeoutSeconds: 60 });
    const seen: Array<{ event: SQSEvent; functionName: string; arn: string; remaining: number }> = [];
    const handler: SqsFunctionHandler = async (event: SQSEvent, context) => {
      seen.push({
        event,
        functionName: context.functionName,
        arn: context.invokedFunctionArn,
        remaining: context.getRemainingTimeInMillis(),
      });
    };
    const messageId = queue.send('{"deliveryId":"d-1"}', {
      traceId: { dataType: 'String', stringValue: 't-1' },
    });
    // Act
    const mapping = start({ queue, handler, functionName: 'producer-notifier', timeoutSeconds: 10 });
    await mapping.whenIdle();
    // Assess
    const record = seen[0]?.event.Records[0];
    expect(record).toMatchObject({
      messageId,
      body: '{"deliveryId":"d-1"}',
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: queue.region,
      attributes: { ApproximateReceiveCount: '1', SenderId: expect.any(String) },
      messageAttributes: { traceId: { dataType: 'String', stringValue: 't-1' } },
    });
    expect(record?.md5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(seen[0]?.functionName).toBe('producer-notifier');
    expect(seen[0]?.arn).toBe('arn:aws:lambda:ap-southeast-1:000000000000:function:producer-notifier');
    expect(seen[0]?.remaining).toBeGreaterThan(9_000);
  });

  it('makes a batch still being gathered visible again when stopped', async () => {
    // Prepare
    const queue = createLocalQueue({ name: uniqueName('certification'), visibilityTimeoutSeconds: 30 });
    const handler: SqsFunctionHandler = async () => undefined;
    const mapping = startEventSourceMapping({
      queue,
      handler,
      functionName: 'certification',
      batchSize: 10,
      maximumBatchingWindowSeconds: 5,
    });
    queue.send('waiting in the window');
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Act
    await mapping.stop();
    // Assess
    expect(queue.depth()).toMatchObject({ visible: 1, inFlight: 0 });
    expect(mapping.stats().invocations).toBe(0);
    await expect(mapping.whenIdle()).rejects.toThrow(/stopped/);
  });

  it('refuses a maximumConcurrency below 2, a visibility timeout shorter than the function timeout and an environment that was not applied', () => {
    // Prepare
    const queue = createLocalQueue({ name: uniqueName('certification') });
    const handler: SqsFunctionHandler = async () => undefined;
    // Act / Assess
    expect(() =>
      startEventSourceMapping({ queue, handler, functionName: 'f', maximumConcurrency: 1 }),
    ).toThrow(InvalidConfigurationError);
    expect(() => startEventSourceMapping({ queue, handler, functionName: 'f', timeoutSeconds: 31 })).toThrow(
      'Queue visibility timeout: 30 seconds is less than Function timeout: 31 seconds',
    );
    expect(() =>
      startEventSourceMapping({
        queue,
        handler,
        functionName: 'f',
        environment: { [`OCOP_TEST_${uniqueName('KEY').replaceAll('-', '_')}`]: 'x' },
      }),
    ).toThrow(EnvironmentMismatchError);
  });
});
