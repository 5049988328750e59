import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalQueue, JournalCorruptError } from '../src/index.js';

describe('queue persistence', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'local-queues-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps sent messages across a restart and forgets deleted ones', () => {
    // Prepare
    const before = createLocalQueue({ name: 'certification', visibilityTimeoutSeconds: 30, dataDir });
    const kept = before.send('{"productId":"OCOP-QN-0007"}', {
      source: { dataType: 'String', stringValue: 'ocop.registry' },
    });
    before.send('{"productId":"OCOP-QN-0008"}');
    const [first, second] = before.receive(2);
    before.delete(second?.receiptHandle ?? '');
    before.recordFailure(first?.receiptHandle ?? '', new Error('ledger timeout'));
    before.close();
    // Act
    const after = createLocalQueue({ name: 'certification', visibilityTimeoutSeconds: 30, dataDir });
    // Assess
    expect(after.depth()).toMatchObject({ visible: 1, inFlight: 0 });
    expect(after.peek()).toEqual([
      expect.objectContaining({ messageId: kept, receiveCount: 1, lastError: 'Error: ledger timeout' }),
    ]);
    const [again] = after.receive();
    expect(again).toMatchObject({ messageId: kept, receiveCount: 2 });
    expect(again?.messageAttributes.source?.stringValue).toBe('ocop.registry');
    after.close();
  });

  it('keeps dead-lettered messages in the dead-letter queue across a restart', () => {
    // Prepare
    const open = () => {
      const deadLetters = createLocalQueue({ name: 'stock-ledger-dlq', dataDir });
      const queue = createLocalQueue({
        name: 'stock-ledger',
        visibilityTimeoutSeconds: 0,
        deadLetterQueue: deadLetters,
        maxReceiveCount: 1,
        dataDir,
      });
      return { queue, deadLetters };
    };
    const before = open();
    const messageId = before.queue.send('movement');
    const [message] = before.queue.receive();
    before.queue.recordFailure(message?.receiptHandle ?? '', 'negative stock');
    before.queue.receive();
    before.queue.close();
    before.deadLetters.close();
    // Act
    const after = open();
    // Assess
    expect(after.queue.depth()).toMatchObject({ visible: 0, inFlight: 0 });
    expect(after.deadLetters.peek()).toEqual([
      expect.objectContaining({
        messageId,
        lastError: 'negative stock',
        deadLetterSourceArn: after.queue.arn,
      }),
    ]);
    after.queue.close();
    after.deadLetters.close();
  });

  it('compacts the journal to one line per live message when it opens', () => {
    // Prepare
    const before = createLocalQueue({ name: 'listing-sync', dataDir });
    for (let index = 0; index < 5; index += 1) before.send(`message ${index}`);
    for (const message of before.receive(3)) before.delete(message.receiptHandle);
    before.close();
    // Act
    createLocalQueue({ name: 'listing-sync', dataDir }).close();
    // Assess
    const lines = readFileSync(join(dataDir, 'listing-sync.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
  });

  it('ignores a torn last line left by a crash mid-write', () => {
    // Prepare
    const before = createLocalQueue({ name: 'notifier', dataDir });
    const messageId = before.send('delivery');
    before.close();
    appendFileSync(join(dataDir, 'notifier.jsonl'), '{"op":"put","mess');
    // Act
    const after = createLocalQueue({ name: 'notifier', dataDir });
    // Assess
    expect(after.peek().map((message) => message.messageId)).toEqual([messageId]);
    after.close();
  });

  it('refuses to open a journal that is corrupt before its last line', () => {
    // Prepare
    writeFileSync(join(dataDir, 'broken.jsonl'), 'not json\n{"op":"remove","messageId":"x"}\n');
    // Act / Assess
    expect(() => createLocalQueue({ name: 'broken', dataDir })).toThrow(JournalCorruptError);
  });
});
