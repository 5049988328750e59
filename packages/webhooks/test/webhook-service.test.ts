import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../src/errors.js';
import type { WebhookEventType } from '../src/types.js';
import { stockLow } from './support/events.js';
import { type Receiver, startReceiver } from './support/receiver.js';
import { drainDue, type ServiceHarness, startService } from './support/service.js';

describe('webhook service', () => {
  let harness: ServiceHarness;
  let receiver: Receiver;

  beforeAll(async () => {
    [harness, receiver] = await Promise.all([startService(), startReceiver()]);
  });
  // Receivers check the timestamp against real time: each test starts the clock at now.
  beforeEach(() => harness.clock.set(new Date()));
  afterAll(async () => {
    await Promise.all([harness.close(), receiver.close()]);
  });

  const register = (producerId: string, path: string, eventTypes: WebhookEventType[] = ['stock.low']) =>
    harness.service.registerEndpoint({ producerId, url: receiver.url(path), eventTypes });

  it('registers several endpoints per producer and shows each secret only at creation', async () => {
    const first = await register('HTX-A', '/a1');
    const second = await register('HTX-A', '/a2', ['order.received']);
    expect(first.secret).toMatch(/^whsec_/);
    const listed = await harness.service.listEndpoints('HTX-A');
    expect(listed.map((endpoint) => endpoint.endpointId).sort()).toEqual(
      [first.endpoint.endpointId, second.endpoint.endpointId].sort(),
    );
    expect(JSON.stringify(listed)).not.toContain(first.secret);
  });

  it('refuses unknown event types and refused destinations at registration', async () => {
    await expect(
      harness.service.registerEndpoint({ producerId: 'HTX-A', url: receiver.url('/x'), eventTypes: [] }),
    ).rejects.toThrow(InvalidRequestError);
    await expect(
      harness.service.registerEndpoint({
        producerId: 'HTX-A',
        url: 'http://169.254.169.254/',
        eventTypes: ['stock.low'],
      }),
    ).rejects.toThrow(/not allowed/);
  });

  it('delivers a message only to the endpoints subscribed to its type, signed with their secret', async () => {
    const { endpoint, secret } = await register('HTX-B', '/b1');
    await register('HTX-B', '/b2', ['order.received']);
    receiver.on('/b1', { kind: 'verify', secret });
    const message = stockLow('HTX-B');

    const published = await harness.service.publish(message);
    const reports = await Promise.all(published.tasks.map((task) => harness.service.attempt(task)));

    expect(published.tasks.map((task) => task.endpointId)).toEqual([endpoint.endpointId]);
    expect(reports[0]).toMatchObject({
      kind: 'attempted',
      result: { outcome: 'delivered' },
      next: { status: 'delivered' },
    });
    expect(receiver.at('/b1')[0]?.verified).toBe(true);
    expect(receiver.at('/b2')).toHaveLength(0);
  });

  it('never creates a second message for the same domain event', async () => {
    await register('HTX-C', '/c1');
    const message = stockLow('HTX-C');
    const first = await harness.service.publish(message);
    const again = await harness.service.publish({ ...message, sourceEventId: 'a-redelivered-copy' });
    expect(first).toMatchObject({ created: true });
    expect(again).toEqual({ created: false, tasks: [] });
  });

  it('logs every attempt with outcome, status code, latency and a truncated body', async () => {
    await register('HTX-D', '/d1');
    receiver.on('/d1', { kind: 'status', status: 503, body: 'bảo trì '.repeat(500) });
    const message = stockLow('HTX-D');
    const [task] = (await harness.service.publish(message)).tasks;
    if (task === undefined) throw new Error('expected a task');

    await harness.service.attempt(task);
    const log = await harness.service.deliveryLog(message.messageId);

    expect(log.deliveries[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastOutcome: 'retryable-status',
    });
    expect(log.attempts[0]).toMatchObject({ attemptNumber: 1, outcome: 'retryable-status', statusCode: 503 });
    expect(log.attempts[0]?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(log.attempts[0]?.responseBody?.length).toBeLessThanOrEqual(1024);
  });

  it('makes an attempt once even when two workers take the same task', async () => {
    await register('HTX-E', '/e1');
    const [task] = (await harness.service.publish(stockLow('HTX-E'))).tasks;
    if (task === undefined) throw new Error('expected a task');
    const reports = await Promise.all([harness.service.attempt(task), harness.service.attempt(task)]);
    expect(reports.filter((report) => report.kind === 'attempted')).toHaveLength(1);
    expect(receiver.at('/e1')).toHaveLength(1);
  });

  it('replays a delivered message by id with the same webhook-id', async () => {
    await register('HTX-F', '/f1');
    const message = stockLow('HTX-F');
    await harness.service.publish(message);
    await drainDue(harness.service);

    const replayed = await harness.service.replayMessage(message.messageId);
    await drainDue(harness.service);

    expect(replayed).toHaveLength(1);
    expect(receiver.at('/f1').map((entry) => entry.headers['webhook-id'])).toEqual([
      message.messageId,
      message.messageId,
    ]);
    const log = await harness.service.deliveryLog(message.messageId);
    expect(log.attempts.map((attempt) => attempt.attemptNumber)).toEqual([1, 2]);
  });

  it('replays an endpoint by time range', async () => {
    const { endpoint } = await register('HTX-G', '/g1');
    const t0 = harness.clock.now();
    const early = stockLow('HTX-G');
    await harness.service.publish(early);
    harness.clock.advance(3_600_000);
    const late = stockLow('HTX-G');
    await harness.service.publish(late);
    await drainDue(harness.service);

    const replayed = await harness.service.replayRange(endpoint, {
      from: new Date(t0.getTime() + 1000),
      to: harness.clock.now(),
      include: 'all',
    });

    expect(replayed.map((task) => task.messageId)).toEqual([late.messageId]);
  });

  // Rotation overlaps are specified over every SecretStore in secret-store-contract.test.ts.
});
