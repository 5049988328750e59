import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { sources } from '@ocop-sync/domain';
import type { CertifiedRow } from './council-rows.js';

/** EventBridge accepts at most 10 entries per PutEvents (PutEvents API reference, `Entries`). */
export const PUT_EVENTS_BATCH = 10;

export interface PublishOptions {
  client: EventBridgeClient;
  eventBusName: string;
  /** Attempts per entry, the first included. */
  maxAttempts?: number;
  /** First back-off before retrying failed entries; doubles each round, with full jitter. */
  baseDelayMs?: number;
  onProgress?: (published: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface PublishReport {
  published: number;
  /** Entries still refused after every attempt, with EventBridge's error code and message. */
  failed: Array<{ rowNumber: number; productId: string; error: string }>;
  /** Entries that needed more than one attempt. */
  retried: number;
}

const defaults = { maxAttempts: 5, baseDelayMs: 200 } as const;
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Publishes one ProductCertified per row in PutEvents calls of 10. PutEvents is not all-or-nothing: each
 * refused entry (ThrottlingException, InternalFailure) is retried alone with exponential back-off, as
 * AWS advises for `FailedEntryCount > 0`. A duplicate caused by a retry is harmless: the ledger dedupes on
 * the detail's `eventId`.
 */
export async function publishCertifications(
  rows: readonly CertifiedRow[],
  options: PublishOptions,
): Promise<PublishReport> {
  const maxAttempts = options.maxAttempts ?? defaults.maxAttempts;
  const baseDelayMs = options.baseDelayMs ?? defaults.baseDelayMs;
  const sleep = options.sleep ?? wait;
  const report: PublishReport = { published: 0, failed: [], retried: 0 };
  for (let start = 0; start < rows.length; start += PUT_EVENTS_BATCH) {
    let pending = rows.slice(start, start + PUT_EVENTS_BATCH);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > 1) {
        report.retried += pending.length;
        await sleep(Math.random() * baseDelayMs * 2 ** (attempt - 2));
      }
      const refused = await putBatch(options, pending);
      report.published += pending.length - refused.length;
      options.onProgress?.(report.published);
      if (attempt >= maxAttempts) {
        report.failed.push(
          ...refused.map(({ row, error }) => ({
            rowNumber: row.rowNumber,
            productId: row.detail.product.productId,
            error,
          })),
        );
        break;
      }
      pending = refused.map(({ row }) => row);
    }
  }
  return report;
}

async function putBatch(
  options: PublishOptions,
  rows: readonly CertifiedRow[],
): Promise<Array<{ row: CertifiedRow; error: string }>> {
  const entries: PutEventsRequestEntry[] = rows.map((row) => ({
    EventBusName: options.eventBusName,
    Source: sources.registry,
    DetailType: 'ProductCertified',
    Detail: JSON.stringify(row.detail),
  }));
  const output = await options.client.send(new PutEventsCommand({ Entries: entries }));
  const results = output.Entries ?? [];
  return rows.flatMap((row, index) => {
    const result = results[index];
    if (result?.EventId) return [];
    return [
      { row, error: `${result?.ErrorCode ?? 'NoResult'}: ${result?.ErrorMessage ?? 'no entry result'}` },
    ];
  });
}
