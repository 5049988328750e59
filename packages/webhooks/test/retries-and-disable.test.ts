import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETRY_SCHEDULE_SECONDS } from '../src/constants.js';
import type { AttemptReport } from '../src/delivery-engine.js';
import type { EndpointDisabledNotice } from '../src/fallback.js';
import type { DeliveryTask } from '../src/types.js';
import { stockLow } from './support/events.js';
import { type Receiver, startReceiver } from './support/receiver.js';
import { drainDue, type ServiceHarness, startService } from './support/service.js';

/** Follows one task through its schedule, moving the clock to each due time. */
async function runSchedule(
  harness: ServiceHarness,
  task: DeliveryTask,
): Promise<{ reports: AttemptReport[]; delays: number[] }> {
  const reports: AttemptReport[] = [];
  const delays: number[] = [];
  for (;;) {
    const report = await harness.service.attempt(task);
    reports.push(report);
    if (report.kind !== 'attempted' || report.next.kind === 'done') return { reports, delays };
    delays.push(report.next.delaySeconds);
    harness.clock.set(report.next.at);
  }
}

describe('retries and auto-disable', () => {
  let harness: ServiceHarness;
  let receiver: Receiver;
  let downUrl: string;
  const notices: EndpointDisabledNotice[] = [];

  beforeAll(async () => {
    [harness, receiver] = await Promise.all([
      startService({ fallback: { endpointDisabled: async (notice) => void notices.push(notice) } }),
      startReceiver(),
    ]);
    const closed = await startReceiver();
    downUrl = closed.url('/down');
    await closed.close();
  });
  afterAll(async () => {
    await Promise.all([harness.close(), receiver.close()]);
  });

  it('retries a failing endpoint on the schedule, then marks the delivery failed', async () => {
    const { endpoint } = await harness.service.registerEndpoint({
      producerId: 'HTX-R1',
      url: receiver.url('/r1'),
      eventTypes: ['stock.low'],
    });
    receiver.on('/r1', { kind: 'status', status: 503 });
    const message = stockLow('HTX-R1');
    const [task] = (await harness.service.publish(message)).tasks;
    if (task === undefined) throw new Error('expected a task');

    const { reports, delays } = await runSchedule(harness, task);

    expect(delays).toEqual(RETRY_SCHEDULE_SECONDS.slice(1));
    expect(reports.at(-1)).toMatchObject({
      kind: 'attempted',
      next: { kind: 'done', status: 'failed', reason: 'exhausted' },
    });
    const log = await harness.service.deliveryLog(message.messageId);
    expect(log.attempts).toHaveLength(RETRY_SCHEDULE_SECONDS.length);
    expect(log.deliveries[0]).toMatchObject({ status: 'failed', endpointId: endpoint.endpointId });
    expect(await harness.service.listDue()).toEqual([]);
  });

  it('does not attempt a delivery before it is due', async () => {
    await harness.service.registerEndpoint({
      producerId: 'HTX-R2',
      url: receiver.url('/r2'),
      eventTypes: ['stock.low'],
    });
    receiver.on('/r2', { kind: 'status', status: 500 });
    const [task] = (await harness.service.publish(stockLow('HTX-R2'))).tasks;
    if (task === undefined) throw new Error('expected a task');
    await harness.service.attempt(task);
    expect(await harness.service.attempt(task)).toMatchObject({ kind: 'not-due' });
  });

  it('does not retry a 4xx other than 408/429, and counts a 409 as delivered', async () => {
    await harness.service.registerEndpoint({
      producerId: 'HTX-R3',
      url: receiver.url('/r3'),
      eventTypes: ['stock.low'],
    });
    receiver.on('/r3', { kind: 'status', status: 422 });
    const [rejected] = (await harness.service.publish(stockLow('HTX-R3'))).tasks;
    if (rejected === undefined) throw new Error('expected a task');
    expect(await harness.service.attempt(rejected)).toMatchObject({
      next: { status: 'failed', reason: 'permanent-failure' },
    });
    receiver.on('/r3', { kind: 'status', status: 409 });
    const [duplicate] = (await harness.service.publish(stockLow('HTX-R3'))).tasks;
    if (duplicate === undefined) throw new Error('expected a task');
    expect(await harness.service.attempt(duplicate)).toMatchObject({
      result: { outcome: 'duplicate' },
      next: { status: 'delivered' },
    });
  });

  it('does not disable an endpoint for a short burst of failures', async () => {
    const { endpoint } = await harness.service.registerEndpoint({
      producerId: 'HTX-R4',
      url: downUrl,
      eventTypes: ['stock.low'],
    });
    for (let index = 0; index < 12; index += 1) {
      for (const task of (await harness.service.publish(stockLow('HTX-R4'))).tasks)
        await harness.service.attempt(task);
    }
    expect(await harness.service.getEndpoint(endpoint)).toMatchObject({
      status: 'active',
      consecutiveFailures: 12,
    });
  });

  it('disables an endpoint after a long run of failures, tells the producer, and replays what it missed on re-enable', async () => {
    // Prepare: a down endpoint and a healthy one of the same producer.
    const producerId = 'HTX-R5';
    const { endpoint: down } = await harness.service.registerEndpoint({
      producerId,
      url: downUrl,
      eventTypes: ['stock.low'],
    });
    await harness.service.registerEndpoint({
      producerId,
      url: receiver.url('/r5-other'),
      eventTypes: ['order.received'],
    });
    const first = stockLow(producerId);
    const [firstTask] = (await harness.service.publish(first)).tasks;
    if (firstTask === undefined) throw new Error('expected a task');

    // Act: one message's full schedule (8 failures over ~27.6 h), then a second message fails twice.
    await runSchedule(harness, firstTask);
    const second = stockLow(producerId);
    const [secondTask] = (await harness.service.publish(second)).tasks;
    if (secondTask === undefined) throw new Error('expected a task');
    const ninth = await harness.service.attempt(secondTask);
    harness.clock.advance(5_000);
    const tenth = await harness.service.attempt(secondTask);

    // Assess: disabled at the tenth failure, once, with the fallback told.
    expect(ninth).toMatchObject({ kind: 'attempted' });
    expect(ninth.kind === 'attempted' && ninth.endpointDisabled).toBeFalsy();
    expect(tenth).toMatchObject({ kind: 'attempted', endpointDisabled: { consecutiveFailures: 10 } });
    expect(await harness.service.getEndpoint(down)).toMatchObject({ status: 'disabled' });
    expect(notices.map((notice) => notice.endpoint.endpointId)).toEqual([down.endpointId]);
    await drainDue(harness.service);
    const told = receiver.at('/r5-other').map((entry) => JSON.parse(entry.body));
    expect(told).toMatchObject([{ type: 'endpoint.disabled', data: { endpointId: down.endpointId } }]);

    // While disabled: new messages are kept as missed, nothing is sent.
    const third = stockLow(producerId);
    expect((await harness.service.publish(third)).tasks).toEqual([]);
    harness.clock.advance(300_000);
    expect(await harness.service.attempt(secondTask)).toEqual({
      kind: 'skipped',
      reason: 'endpoint-disabled',
    });

    // Re-enable after the receiver is fixed: every missed message is replayed.
    await harness.service.updateEndpoint(down, { url: receiver.url('/r5-fixed') });
    const { enabled, replayed } = await harness.service.enableEndpoint(down);
    await drainDue(harness.service);
    expect(enabled).toBe(true);
    expect(replayed.map((task) => task.messageId).sort()).toEqual(
      [first.messageId, second.messageId, third.messageId].sort(),
    );
    expect(
      receiver
        .at('/r5-fixed')
        .map((entry) => entry.headers['webhook-id'])
        .sort(),
    ).toEqual([first.messageId, second.messageId, third.messageId].sort());
    expect(await harness.service.getEndpoint(down)).toMatchObject({
      status: 'active',
      consecutiveFailures: 0,
    });
  });
});
