import { setTimeout as sleep } from 'node:timers/promises';
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import {
  type DetailType,
  type EventDetailInput,
  type EventSource,
  eventCatalogue,
  formatIssues,
  parseDetail,
  sources,
} from '@ocop-sync/domain';

export type PublishEntry = {
  [T in DetailType]: { detailType: T; detail: EventDetailInput<T>; source?: EventSource };
}[DetailType];

export interface EventPublisher {
  /** Validates every detail against the catalogue, then publishes in batches of 10 (PutEvents' limit). */
  publish(entries: readonly PublishEntry[]): Promise<void>;
}

export class PublishError extends Error {
  override name = 'PublishError';
}

const PUT_EVENTS_MAX_ENTRIES = 10;

export function createEventPublisher(options: {
  client: EventBridgeClient;
  busName: string;
  maxAttempts?: number;
}): EventPublisher {
  const maxAttempts = options.maxAttempts ?? 4;
  return {
    async publish(entries) {
      const requestEntries = entries.map((entry) => toRequestEntry(entry, options.busName));
      for (let start = 0; start < requestEntries.length; start += PUT_EVENTS_MAX_ENTRIES) {
        await putWithRetries(
          options.client,
          requestEntries.slice(start, start + PUT_EVENTS_MAX_ENTRIES),
          maxAttempts,
        );
      }
    },
  };
}

function toRequestEntry(entry: PublishEntry, busName: string): PutEventsRequestEntry {
  // An event this system emits must satisfy its own catalogue: a bug here must not reach consumers.
  const parsed = parseDetail(entry.detailType, entry.detail);
  if (!parsed.ok)
    throw new PublishError(
      `${entry.detailType} does not match the catalogue: ${formatIssues(parsed.issues)}`,
    );
  return {
    EventBusName: busName,
    Source: sourceOf(entry),
    DetailType: entry.detailType,
    Detail: JSON.stringify(entry.detail),
  };
}

/**
 * The catalogue names who emits each event, and the routing table matches on it: an event published under
 * another source would reach no consumer. Default: ocop.sync where the catalogue allows it, else its only source.
 */
function sourceOf(entry: PublishEntry): EventSource {
  const allowed: readonly EventSource[] = eventCatalogue[entry.detailType].sources;
  const source = entry.source ?? (allowed.includes(sources.sync) ? sources.sync : allowed[0]);
  if (source === undefined || !allowed.includes(source))
    throw new PublishError(
      `${entry.detailType} is not published under ${source}: the catalogue allows ${allowed.join(', ')}`,
    );
  return source;
}

/** PutEvents can fail per entry (throttling, internal): only the failed entries are sent again. */
async function putWithRetries(
  client: EventBridgeClient,
  entries: PutEventsRequestEntry[],
  maxAttempts: number,
) {
  let pending = entries;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const result = await client.send(new PutEventsCommand({ Entries: pending }));
    const failed = pending.filter((_, index) => result.Entries?.[index]?.ErrorCode);
    if (failed.length === 0) return;
    if (attempt >= maxAttempts) {
      const codes = [...new Set(result.Entries?.map((entry) => entry.ErrorCode).filter(Boolean))].join(', ');
      throw new PublishError(
        `${failed.length} of ${entries.length} events not accepted after ${attempt} attempts: ${codes}`,
      );
    }
    pending = failed;
    await sleep(50 * 2 ** attempt * Math.random());
  }
}
