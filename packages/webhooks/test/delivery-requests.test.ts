import { dynamoCommandsDuring } from '@ocop-sync/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptReport } from '../src/delivery-engine.js';
import { stockLow } from './support/events.js';
import { type Receiver, startReceiver } from './support/receiver.js';
import { type ServiceHarness, startService } from './support/service.js';

// A regression guard: each line below is one DynamoDB request of a delivery, and why it is needed.
describe('DynamoDB requests per delivery', () => {
  let harness: ServiceHarness;
  let receiver: Receiver;

  beforeAll(async () => {
    [harness, receiver] = await Promise.all([startService(), startReceiver()]);
  });
  beforeEach(() => harness.clock.set(new Date()));
  afterAll(async () => {
    await Promise.all([harness.close(), receiver.close()]);
  });

  it('publishes and delivers a message to a healthy endpoint in seven requests', async () => {
    // Prepare
    const { endpoint, secret } = await harness.service.registerEndpoint({
      producerId: 'HTX-Q1',
      url: receiver.url('/q1'),
      eventTypes: ['stock.low'],
    });
    receiver.on('/q1', { kind: 'verify', secret });
    const message = stockLow('HTX-Q1');
    const reports: AttemptReport[] = [];

    // Act
    const sent = await dynamoCommandsDuring(harness.table.client, async () => {
      const { tasks } = await harness.service.publish(message);
      for (const task of tasks) reports.push(await harness.service.attempt(task));
    });

    // Assess
    expect(sent).toEqual([
      'PutItemCommand', // the message, once per id
      'QueryCommand', // the producer's endpoints
      'PutItemCommand', // the delivery, once per endpoint
      'UpdateItemCommand', // the claim (numbers the attempt, leases the delivery)
      'GetItemCommand', // the endpoint's signing secrets (ledger store in local mode)
      'PutItemCommand', // the attempt in the log
      'UpdateItemCommand', // the delivery finished
    ]);
    expect(reports).toMatchObject([
      { kind: 'attempted', next: { status: 'delivered' }, messageType: 'stock.low', attempts: 1 },
    ]);
    expect(receiver.at('/q1')[0]?.verified).toBe(true);
    const log = await harness.service.deliveryLog(message.messageId);
    expect(log.deliveries).toMatchObject([{ endpointId: endpoint.endpointId, status: 'delivered' }]);
    expect(log.attempts.map((attempt) => attempt.attemptNumber)).toEqual([1]);
  });

  it('reads the delivery back for a retry and clears the run of failures it ends', async () => {
    // Prepare: the first attempt fails, so the retry comes from the due index.
    const { endpoint } = await harness.service.registerEndpoint({
      producerId: 'HTX-Q2',
      url: receiver.url('/q2'),
      eventTypes: ['stock.low'],
    });
    receiver.on('/q2', { kind: 'status', status: 503 });
    const message = stockLow('HTX-Q2');
    const [task] = (await harness.service.publish(message)).tasks;
    if (task === undefined) throw new Error('expected a task');
    const first = await harness.service.attempt(task);
    if (first.kind !== 'attempted' || first.next.kind !== 'attempt') throw new Error('expected a retry');
    harness.clock.set(first.next.at);
    receiver.on('/q2', { kind: 'status', status: 204 });
    const [due] = await harness.service.listDue();
    if (due === undefined) throw new Error('expected a due retry');

    // Act
    let retry: AttemptReport | undefined;
    const sent = await dynamoCommandsDuring(harness.table.client, async () => {
      retry = await harness.service.attempt(due);
    });

    // Assess
    expect(sent).toEqual([
      'GetItemCommand', // the delivery
      'GetItemCommand', // the endpoint
      'GetItemCommand', // the message
      'UpdateItemCommand', // the claim
      'GetItemCommand', // the signing secrets
      'PutItemCommand', // the attempt in the log
      'UpdateItemCommand', // the delivery finished
      'UpdateItemCommand', // the endpoint's run of failures cleared
    ]);
    expect(retry).toMatchObject({ kind: 'attempted', next: { status: 'delivered' }, attempts: 2 });
    expect(await harness.service.getEndpoint(endpoint)).toMatchObject({ consecutiveFailures: 0 });
  });
});
