import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARCHIVE_FILE_NAME } from './constants.js';
import { type EventBridgeEvent, eventBridgeEventSchema } from './event-schema.js';

export interface ArchiveOptions {
  /** When given, events are also appended to `<dataDirectory>/archive.jsonl` and reloaded on restart. */
  readonly dataDirectory?: string;
}

export interface TimeWindow {
  /** Inclusive start, compared with each event's `time`. */
  readonly from: Date;
  /** Exclusive end. */
  readonly to: Date;
}

export interface EventArchive {
  append(events: readonly EventBridgeEvent[]): Promise<void>;
  /** Archived events whose `time` lies in the window, oldest first. */
  list(window: TimeWindow): EventBridgeEvent[];
  readonly count: number;
  /** Lines of the archive file that could not be read back (for example a line torn by a crash). */
  readonly skippedLines: number;
}

/**
 * Keeps every accepted event in memory and, with a data directory, in a JSON-lines file. Appends are
 * chained so lines never interleave; reloading is synchronous because it happens once, at start-up.
 */
export function createEventArchive(options: ArchiveOptions = {}): EventArchive {
  const filePath =
    options.dataDirectory === undefined ? undefined : join(options.dataDirectory, ARCHIVE_FILE_NAME);
  const { events, skippedLines } = filePath === undefined ? { events: [], skippedLines: 0 } : load(filePath);
  let writes: Promise<void> = Promise.resolve();

  return {
    get count() {
      return events.length;
    },
    skippedLines,
    append(batch) {
      events.push(...batch);
      if (filePath === undefined || batch.length === 0) {
        return Promise.resolve();
      }
      const lines = batch.map((event) => `${JSON.stringify(event)}\n`).join('');
      writes = writes.then(() => appendFile(filePath, lines, 'utf8'));
      return writes;
    },
    list({ from, to }) {
      const start = from.getTime();
      const end = to.getTime();
      return events
        .filter((event) => {
          const time = Date.parse(event.time);
          return time >= start && time < end;
        })
        .sort((left, right) => Date.parse(left.time) - Date.parse(right.time));
    },
  };
}

function load(filePath: string): { events: EventBridgeEvent[]; skippedLines: number } {
  const directory = join(filePath, '..');
  mkdirSync(directory, { recursive: true });
  if (!existsSync(filePath)) {
    return { events: [], skippedLines: 0 };
  }
  const events: EventBridgeEvent[] = [];
  let skippedLines = 0;
  for (const line of readFileSync(filePath, 'utf8').split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    const parsed = safeParse(line);
    if (parsed === undefined) {
      skippedLines += 1;
    } else {
      events.push(parsed);
    }
  }
  return { events, skippedLines };
}

function safeParse(line: string): EventBridgeEvent | undefined {
  try {
    const result = eventBridgeEventSchema.safeParse(JSON.parse(line));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
