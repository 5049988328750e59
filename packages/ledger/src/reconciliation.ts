import { type Channel, channels } from '@ocop-sync/domain';
import type { LedgerContext } from './context.js';
import { putAtRevision } from './idempotency.js';
import { byReadBack, latestReconciliationKey, listingKey, reconciliationReportKey } from './keys.js';
import { listingItem } from './listings.js';
import {
  type ReadBackState,
  type ReconciliationReport,
  reconciliationReport,
} from './reconciliation-records.js';
import { type ListingRecord, listingRecord } from './records.js';
import { parseItem, parseStored } from './store.js';
import { ledgerTable } from './table-definition.js';

const { byReadBack: index } = ledgerTable.indexes;

/** Reports are kept 30 days (DynamoDB TTL); the latest per channel is kept until the next run replaces it. */
export const REPORT_TTL_SECONDS = 30 * 24 * 3600;

/**
 * The next `limit` listings live on `channel` in read-back order: written since their last check first,
 * then the least recently checked (see `byReadBack`). The index is eventually consistent: a listing read
 * here carries the revision its check must still find (`recordReadBack`).
 */
export async function listingsToCheck(
  context: LedgerContext,
  channel: Channel,
  limit: number,
): Promise<ListingRecord[]> {
  const items = await context.store.query(index.name, {
    keyCondition: '#pk = :pk',
    names: { '#pk': index.partitionKey },
    values: { ':pk': byReadBack.pk(channel) },
    limit,
  });
  return items.map((item) => parseStored(item, listingRecord));
}

export type ReadBackResult =
  | { outcome: 'applied'; listing: ListingRecord }
  /** The listing changed since it was read (a sync, or another run): nothing written; check it next run. */
  | { outcome: 'conflict' }
  | { outcome: 'rejected'; reason: 'unknown-listing' };

/**
 * Records a check's outcome on the listing, only if the listing is still at `revision`. This conditional
 * write is also the claim on the listing's action: of two runs that read the same listing, one writes and
 * acts, the other gets `conflict` and leaves it alone, so re-pushes are never doubled.
 */
export async function recordReadBack(
  context: LedgerContext,
  input: { productId: string; channel: Channel; revision: number; readBack: ReadBackState },
): Promise<ReadBackResult> {
  const key = listingKey(input.productId, input.channel);
  const current = await context.store.get(key, listingRecord);
  if (current === undefined) return { outcome: 'rejected', reason: 'unknown-listing' };
  if (current.revision !== input.revision) return { outcome: 'conflict' };
  const next: ListingRecord = { ...current, readBack: input.readBack, revision: current.revision + 1 };
  const written = await context.store.transactWrite([
    putAtRevision(context.store.tableName, listingItem(next), 'revision', current.revision),
  ]);
  return written.ok ? { outcome: 'applied', listing: next } : { outcome: 'conflict' };
}

/** Writes a run's report (expiring) and makes it the channel's latest unless a later run's is there already. */
export async function recordReconciliationReport(
  context: LedgerContext,
  report: ReconciliationReport,
): Promise<void> {
  const { tableName } = context.store;
  const expiresAt = Math.floor(context.now().getTime() / 1000) + REPORT_TTL_SECONDS;
  const body = { entity: 'reconciliation-report', ...report };
  await context.store.transactWrite([
    {
      Put: {
        TableName: tableName,
        Item: {
          ...reconciliationReportKey(report.channel, report.finishedAt, report.runId),
          ...body,
          expiresAt,
        },
      },
    },
  ]);
  // Runs of one channel may overlap: the latest is the one that finished last, whatever order they write in.
  await context.store.transactWrite([
    {
      Put: {
        TableName: tableName,
        Item: {
          ...latestReconciliationKey(report.channel),
          ...body,
          finishedAtMs: Date.parse(report.finishedAt),
        },
        ConditionExpression: 'attribute_not_exists(pk) OR finishedAtMs <= :finishedAtMs',
        ExpressionAttributeValues: { ':finishedAtMs': Date.parse(report.finishedAt) },
      },
    },
  ]);
}

/** The last report of each channel that has run at least once. */
export async function latestReconciliationReports(context: LedgerContext): Promise<ReconciliationReport[]> {
  const keys = channels.map(latestReconciliationKey);
  const items = await context.store.transactGet(keys);
  return items.flatMap((item, position) => {
    const key = keys[position];
    return item === undefined || key === undefined ? [] : [parseItem(key, item, reconciliationReport)];
  });
}
