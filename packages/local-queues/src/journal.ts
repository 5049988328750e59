import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { JournalCorruptError } from './errors.js';
import { failureSchema, type StoredMessage, storedMessageSchema } from './types.js';

/**
 * One line of a queue's journal. `put` adds a message (sent, dead-lettered in, redriven in), `update` records
 * a receive or a failure, `remove` drops it (deleted, dead-lettered out, redriven out).
 */
export const journalEntrySchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), message: storedMessageSchema }),
  z.object({
    op: z.literal('update'),
    messageId: z.string(),
    receiveCount: z.number().int().nonnegative(),
    firstReceiveTimestamp: z.number().optional(),
    failure: failureSchema.optional(),
  }),
  z.object({ op: z.literal('remove'), messageId: z.string() }),
]);

export type JournalEntry = z.infer<typeof journalEntrySchema>;

export interface Journal {
  /** Appends the entries in one write; they are in the OS's hands when this returns (no fsync). */
  append(entries: readonly JournalEntry[]): void;
  close(): void;
}

/** The journal of a queue without a data directory. */
export const memoryJournal: Journal = { append: () => undefined, close: () => undefined };

/**
 * Opens `<dataDir>/<queueName>.jsonl`, replays it and compacts it to one `put` per live message (written to a
 * temporary file and renamed, so a crash during compaction leaves the old journal intact).
 */
export function openFileJournal(
  dataDir: string,
  queueName: string,
): { journal: Journal; messages: StoredMessage[] } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `${queueName}.jsonl`);
  const messages = existsSync(file) ? replay(file, readFileSync(file, 'utf8')) : [];
  const compacted = messages.map((message) => `${JSON.stringify({ op: 'put', message })}\n`).join('');
  const temporary = `${file}.compacting`;
  writeFileSync(temporary, compacted);
  renameSync(temporary, file);

  let descriptor: number | undefined = openSync(file, 'a');
  const journal: Journal = {
    append(entries) {
      if (descriptor === undefined || entries.length === 0) return;
      writeSync(descriptor, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    },
    close() {
      if (descriptor !== undefined) closeSync(descriptor);
      descriptor = undefined;
    },
  };
  return { journal, messages };
}

/** Folds the entries into the live messages, in the order they entered the queue. */
export function replay(file: string, text: string): StoredMessage[] {
  const live = new Map<string, StoredMessage>();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const entry = parseLine(line);
    if (!entry.ok) {
      // A crash mid-append leaves at most one torn line, at the very end and without its newline.
      const isTornTail = index === lines.length - 1;
      if (isTornTail) return;
      throw new JournalCorruptError(file, index + 1, entry.error);
    }
    apply(live, entry.value);
  });
  return [...live.values()];
}

function parseLine(line: string): { ok: true; value: JournalEntry } | { ok: false; error: unknown } {
  try {
    const parsed = journalEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error };
  } catch (error) {
    return { ok: false, error };
  }
}

function apply(live: Map<string, StoredMessage>, entry: JournalEntry): void {
  switch (entry.op) {
    case 'put':
      live.delete(entry.message.messageId);
      live.set(entry.message.messageId, entry.message);
      return;
    case 'update': {
      const message = live.get(entry.messageId);
      if (message === undefined) return;
      message.receiveCount = entry.receiveCount;
      message.firstReceiveTimestamp = entry.firstReceiveTimestamp;
      message.failure = entry.failure;
      return;
    }
    case 'remove':
      live.delete(entry.messageId);
      return;
  }
}
