import { describe, expect, it } from 'vitest';
import { createLocalQueue, createManualClock, InvalidConfigurationError } from '../src/index.js';
import { productEventBody, queueWithDeadLetters, uniqueName } from './helpers.js';

const START = Date.parse('2025-03-01T08:00:00Z');

function manualQueue(visibilityTimeoutSeconds = 30) {
  const clock = createManualClock(START);
  const queue = createLocalQueue({ name: uniqueName('certification'), visibilityTimeoutSeconds, clock });
  return { clock, queue };
}

describe('local queue', () => {
  it('hides a received message until its visibility timeout expires', () => {
    // Prepare
    const { clock, queue } = manualQueue(30);
    const messageId = queue.send(productEventBody('OCOP-CM-0001'));
    // Act
    const first = queue.receive(10);
    clock.advanceBy(29_999);
    const whileHidden = queue.receive(10);
    clock.advanceBy(1);
    const afterExpiry = queue.receive(10);
    // Assess
    expect(first.map((message) => message.messageId)).toEqual([messageId]);
    expect(whileHidden).toEqual([]);
    expect(afterExpiry.map((message) => message.receiveCount)).toEqual([2]);
  });

  it('counts receives and keeps the first receive time', () => {
    // Prepare
    const { clock, queue } = manualQueue(1);
    queue.send('a');
    // Act
    const first = queue.receive();
    clock.advanceBy(5_000);
    const second = queue.receive();
    // Assess
    expect(first[0]?.receiveCount).toBe(1);
    expect(second[0]?.receiveCount).toBe(2);
    expect(second[0]?.firstReceiveTimestamp).toBe(START);
    expect(second[0]?.sentTimestamp).toBe(START);
  });

  it('refuses to delete with a stale receipt handle once the message was received again', () => {
    // Prepare
    const { clock, queue } = manualQueue(10);
    queue.send('a');
    const [stale] = queue.receive();
    clock.advanceBy(10_000);
    const [current] = queue.receive();
    // Act
    const staleOutcome = queue.delete(stale?.receiptHandle ?? '');
    const currentOutcome = queue.delete(current?.receiptHandle ?? '');
    // Assess
    expect(staleOutcome).toEqual({ ok: false, reason: 'receipt-handle-not-current' });
    expect(currentOutcome).toEqual({ ok: true });
    expect(queue.depth()).toMatchObject({ visible: 0, inFlight: 0 });
  });

  it('still deletes with the latest handle after visibility expired if nobody received it again', () => {
    // Prepare
    const { clock, queue } = manualQueue(10);
    queue.send('a');
    const [message] = queue.receive();
    clock.advanceBy(60_000);
    // Act
    const outcome = queue.delete(message?.receiptHandle ?? '');
    // Assess
    expect(outcome).toEqual({ ok: true });
    expect(queue.receive()).toEqual([]);
  });

  it('makes a message visible at once when its visibility is changed to zero', () => {
    // Prepare
    const { queue } = manualQueue(30);
    queue.send('a');
    const [message] = queue.receive();
    // Act
    const outcome = queue.changeVisibility(message?.receiptHandle ?? '', 0);
    // Assess
    expect(outcome).toEqual({ ok: true });
    expect(queue.receive().map((received) => received.receiveCount)).toEqual([2]);
  });

  it('moves a message to the dead-letter queue on the receive that would exceed maxReceiveCount', () => {
    // Prepare
    const clock = createManualClock(START);
    const deadLetters = createLocalQueue({ name: uniqueName('dlq'), clock });
    const queue = createLocalQueue({
      name: uniqueName('stock-ledger'),
      visibilityTimeoutSeconds: 1,
      deadLetterQueue: deadLetters,
      maxReceiveCount: 2,
      clock,
    });
    const messageId = queue.send(productEventBody('OCOP-HN-0042'));
    // Act
    const receivedCounts: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      for (const message of queue.receive()) {
        receivedCounts.push(message.receiveCount);
        queue.recordFailure(message.receiptHandle, new Error(`ledger unavailable (attempt ${attempt})`));
      }
      clock.advanceBy(1_000);
    }
    // Assess
    expect(receivedCounts).toEqual([1, 2]);
    expect(queue.depth()).toMatchObject({ visible: 0, inFlight: 0 });
    expect(deadLetters.peek()).toEqual([
      expect.objectContaining({
        messageId,
        receiveCount: 2,
        lastError: 'Error: ledger unavailable (attempt 2)',
        firstFailureAt: START,
        lastFailureAt: START + 1_000,
        deadLetterSourceArn: queue.arn,
        state: 'visible',
      }),
    ]);
  });

  it('redrives chosen dead-letter messages back as new messages with their counts reset', () => {
    // Prepare
    const { queue, deadLetters } = queueWithDeadLetters({ maxReceiveCount: 1, visibilityTimeoutSeconds: 0 });
    const kept = queue.send('kept');
    const redriven = queue.send('redriven');
    queue.receive(10);
    queue.receive(10);
    // Act
    const result = deadLetters.redrive({ destination: queue, messageIds: [redriven, 'not-a-message'] });
    // Assess
    expect(result.notFound).toEqual(['not-a-message']);
    expect(result.moved).toEqual([{ deadLetterMessageId: redriven, messageId: expect.any(String) }]);
    expect(result.moved[0]?.messageId).not.toBe(redriven);
    expect(deadLetters.peek().map((message) => message.messageId)).toEqual([kept]);
    const [again] = queue.receive();
    expect(again).toMatchObject({ body: 'redriven', receiveCount: 1, deadLetterSourceArn: undefined });
  });

  it('reports depth and the age of the oldest message', () => {
    // Prepare
    const { clock, queue } = manualQueue(30);
    queue.send('oldest');
    clock.advanceBy(4_000);
    queue.send('newer');
    queue.send('newest');
    // Act
    queue.receive();
    clock.advanceBy(1_000);
    const depth = queue.depth();
    // Assess
    expect(depth).toEqual({ visible: 2, inFlight: 1, oldestMessageAgeMs: 5_000 });
  });

  it('gives message attributes in the record shape with the MD5 SQS computes', () => {
    // Prepare
    const { queue } = manualQueue();
    queue.send('{"foo": "bared"}', {
      Hello: { dataType: 'String', stringValue: 'There' },
      General: { dataType: 'String', stringValue: 'Kenobi' },
    });
    // Act
    const [message] = queue.receive();
    // Assess
    expect(message?.md5OfBody).toBe('13c0c73bbf11056450c43bf3159b3585');
    expect(message?.md5OfMessageAttributes).toBe('fca026605781cb4126a1e9044df24232');
    expect(message?.messageAttributes.Hello).toEqual({
      dataType: 'String',
      stringValue: 'There',
      stringListValues: [],
      binaryListValues: [],
    });
  });

  it('refuses options AWS would refuse', () => {
    // Prepare
    const deadLetters = createLocalQueue({ name: uniqueName('dlq') });
    // Act / Assess
    expect(() => createLocalQueue({ name: 'has spaces' })).toThrow(InvalidConfigurationError);
    expect(() => createLocalQueue({ name: uniqueName('q'), visibilityTimeoutSeconds: 43_201 })).toThrow(
      InvalidConfigurationError,
    );
    expect(() =>
      createLocalQueue({ name: uniqueName('q'), deadLetterQueue: deadLetters, maxReceiveCount: 0 }),
    ).toThrow(/maxReceiveCount/);
  });
});
