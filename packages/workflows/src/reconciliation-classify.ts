import { type DriftClass, type driftFields, normalizeText } from '@ocop-sync/domain';
import type { MarketplaceListing } from '@ocop-sync/marketplaces';

export type DriftField = (typeof driftFields)[number];

/** What the ledger says the marketplace should show; a field left out is not compared (a sync is in flight). */
export interface ExpectedListing {
  stock?: number;
  priceVnd?: number;
  title?: string;
  /** Our last successful write to this listing (epoch ms): the ledger's `synced.syncedAt`. */
  lastWriteAt: number;
}

export interface Difference {
  field: DriftField;
  expected: number | string;
  /** Absent when the marketplace no longer holds the item. */
  actual?: number | string;
}

/** The classes a read-back can show; `campaign-locked` is only learnt from a refused write. */
export type ReadBackClass = Exclude<DriftClass, 'campaign-locked'>;

export type Finding =
  | { inSync: true }
  | { inSync: false; driftClass: ReadBackClass; differences: Difference[] };

/**
 * Compares one read-back with the ledger, pure. The cause is told by the marketplace's own last-modified
 * time: after our last write, someone else changed the item (a hand edit); not after it, our write did not
 * take. Without that time a differing price is a `price-mismatch` (it may be deliberate), anything else
 * `not-applied` (re-pushing is right whatever the cause). A campaign lock is only learnt from a refused write.
 * Shopee's time is whole seconds, so a hand edit within the second of our write reads as `not-applied`; the
 * action for stock is the same either way.
 *
 * @example
 * classifyDrift({ stock: 7, lastWriteAt }, listing) // { inSync: false, driftClass: 'not-applied', differences: [...] }
 */
export function classifyDrift(expected: ExpectedListing, actual: MarketplaceListing | undefined): Finding {
  if (actual === undefined || actual.status === 'deleted') {
    const was = actual === undefined ? {} : { actual: actual.status };
    return {
      inSync: false,
      driftClass: 'missing',
      differences: [{ field: 'status', expected: 'live', ...was }],
    };
  }
  if (actual.status === 'banned') {
    const differences: Difference[] = [{ field: 'status', expected: 'live', actual: 'banned' }];
    return { inSync: false, driftClass: 'banned', differences };
  }
  const differences = differencesOf(expected, actual);
  if (differences.length === 0) return { inSync: true };
  return { inSync: false, driftClass: causeOf(expected, actual, differences), differences };
}

function differencesOf(expected: ExpectedListing, actual: MarketplaceListing): Difference[] {
  const differences: Difference[] = [];
  if (expected.stock !== undefined && actual.stock !== expected.stock)
    differences.push({ field: 'stock', expected: expected.stock, actual: actual.stock });
  if (expected.priceVnd !== undefined && actual.priceVnd !== expected.priceVnd)
    differences.push({ field: 'price', expected: expected.priceVnd, actual: actual.priceVnd });
  if (expected.title !== undefined && normalizeText(actual.title) !== normalizeText(expected.title))
    differences.push({ field: 'title', expected: expected.title, actual: actual.title });
  // Pending review is the marketplace's own step after our write, not drift.
  if (actual.status === 'inactive')
    differences.push({ field: 'status', expected: 'live', actual: actual.status });
  return differences;
}

function causeOf(
  expected: ExpectedListing,
  actual: MarketplaceListing,
  differences: readonly Difference[],
): ReadBackClass {
  if (actual.updatedAt === undefined)
    return differences.some((difference) => difference.field === 'price') ? 'price-mismatch' : 'not-applied';
  return actual.updatedAt > expected.lastWriteAt ? 'changed-by-hand' : 'not-applied';
}
