import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createLedger } from '@ocop-sync/ledger';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createBusClient,
  isPlaceholderHandler,
  type LocalStack,
  loadInvalidSample,
  loadSamples,
  runDemoScenario,
  silentProgress,
  startLocalStack,
} from '../src/index.js';

const stacks: LocalStack[] = [];
const start = async () => {
  const stack = await startLocalStack({ quiet: true, retryDelaySeconds: 0.2 });
  stacks.push(stack);
  return stack;
};
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((stack) => stack.stop()));
});

/** A handler counts as real when its module loaded and is no longer the "not implemented yet" placeholder. */
const isReal = (stack: LocalStack, routeName: string) => {
  const running = stack.route(routeName);
  return running.loadError === undefined && !isPlaceholderHandler(running.route.handler);
};

describe('local stack', () => {
  it('parks a malformed event in the certification DLQ and writes nothing for it', async () => {
    // Prepare
    const stack = await start();
    const [valid] = loadSamples('registry/council-decisions.json');
    const malformed = loadInvalidSample('missing-decision-number').event;
    const malformedDetail = {
      ...malformed.detail,
      product: { ...(malformed.detail.product as object), productId: 'TEST-MALFORMED-1' },
    };
    const client = createBusClient(stack.endpoints.eventBridge);

    // Act
    const output = await client.send(
      new PutEventsCommand({
        Entries: [valid, { ...malformed, detail: malformedDetail }].map((event) => ({
          EventBusName: 'ocop-sync',
          Source: event?.source,
          DetailType: event?.['detail-type'],
          Detail: JSON.stringify(event?.detail),
        })),
      }),
    );
    client.destroy();
    await stack.whenIdle(30_000);

    // Assess
    expect(output.FailedEntryCount).toBe(0);
    const parked = stack.route('certification').deadLetterQueue.peek();
    const ledger = createLedger({ client: stack.dynamodb, tableName: stack.tableName });
    expect(await ledger.getProduct('TEST-MALFORMED-1')).toBeUndefined();
    // The same DLQ as the SQS API shows it (the endpoint the runtime's parker and the AWS CLI use).
    const sqs = new SQSClient({
      endpoint: stack.endpoints.sqs,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'certification-dlq' }));
    expect(QueueUrl).toBe(stack.route('certification').deadLetterQueueUrl);
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(attributes.Attributes?.ApproximateNumberOfMessages).toBe(String(parked.length));
    sqs.destroy();
    if (isReal(stack, 'certification')) {
      expect(parked).toHaveLength(1);
      expect(parked[0]?.messageAttributes['ocop-error-type']?.stringValue).toBe('InvalidEvent');
      expect(parked[0]?.messageAttributes['ocop-error-message']?.stringValue).toMatch(/decisionNumber/);
      expect(await ledger.getProduct('TH-2024-0001')).toBeDefined();
    } else {
      // Placeholder or unloadable handler: both records fail every attempt and end in the DLQ, saying why.
      expect(parked).toHaveLength(2);
      for (const message of parked)
        expect(message.lastError).toMatch(/not implemented yet|could not be loaded/);
      const scan = await stack.dynamodb.send(
        new ScanCommand({ TableName: stack.tableName, Select: 'COUNT' }),
      );
      expect(scan.Count).toBe(0);
    }
  }, 60_000);

  it('runs the demo scenario and reports what is true of the handlers as they stand', async () => {
    // Prepare
    const stack = await start();

    // Act
    const summary = await runDemoScenario(stack, { progress: silentProgress, settleTimeoutMs: 100_000 });

    // Assess: every sample was accepted by the bus.
    expect(summary.published.map((phase) => [phase.accepted, phase.refused.length])).toEqual([
      [loadSamples('registry/producer-channels-linked.json').length, 0],
      [loadSamples('registry/council-decisions.json').length, 0],
      [loadSamples('showroom/movements.json').length, 0],
      [loadSamples('marketplace/orders.json').length, 0],
      [loadSamples('registry/certification-revoked.json').length, 0],
    ]);
    const archived = stack.bus.archive.list({ from: new Date(0), to: new Date(Date.now() + 60_000) });
    for (const running of stack.routes) {
      const delivered = archived.filter((event) =>
        stack.bus.testEventPattern(running.route.pattern, event),
      ).length;
      const parked = summary.deadLetters.find((entry) => entry.route === running.route.name);
      if (!isReal(stack, running.route.name)) {
        // Nothing a missing handler receives is lost or silently dropped: all of it is parked, and said why.
        expect(parked?.count ?? 0).toBe(delivered);
        if (delivered > 0) expect(parked?.handlerNotImplemented).toBe(true);
      }
    }
    const certificationReal = isReal(stack, 'certification');
    const certifiedIds = new Set(
      loadSamples('registry/council-decisions.json').map((event) =>
        Reflect.get(Object(event.detail.product), 'productId'),
      ),
    );
    expect(summary.products.length).toBe(certificationReal ? certifiedIds.size : 0);
    if (certificationReal) {
      expect(summary.products.find((product) => product.productId === 'TH-2024-0004')?.status).toBe(
        'revoked',
      );
    }
    const liveItems = summary.listings.flatMap((shop) => shop.items).filter((item) => item.status === 'live');
    if (!certificationReal || !isReal(stack, 'listing-sync-postmart')) {
      expect(summary.listings.flatMap((shop) => shop.items)).toHaveLength(0);
    } else {
      expect(liveItems.length).toBeGreaterThan(0);
    }
    if (!certificationReal || !isReal(stack, 'stock-ledger')) expect(summary.stock).toHaveLength(0);
    else expect(summary.stock.length).toBeGreaterThan(0);
  }, 150_000);
});
