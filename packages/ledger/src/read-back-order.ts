import { byReadBack } from './keys.js';
import type { ListingRecord } from './records.js';
import { ledgerTable } from './table-definition.js';

const { byReadBack: index } = ledgerTable.indexes;

/**
 * The read-back index attributes of a listing item, derived from the listing on every write: so each
 * successful marketplace write that listing-sync or stock-sync records (`recordListingSynced`) marks the
 * listing for read-back without those workflows knowing. Only listings live on a marketplace (and not banned)
 * are in the index; a banned or delisted listing drops out, which is what keeps reconciliation from looping.
 */
export function readBackKeys(listing: ListingRecord): Record<string, string> {
  const synced = listing.synced;
  if (synced === undefined || synced.status !== 'live' || listing.status === 'banned') return {};
  const checkedAt = listing.readBack?.checkedAt;
  const due = checkedAt === undefined || Date.parse(synced.syncedAt) > Date.parse(checkedAt);
  return {
    [index.partitionKey]: byReadBack.pk(listing.channel),
    [index.sortKey]: due
      ? byReadBack.dueSk(synced.syncedAt, listing.productId)
      : byReadBack.checkedSk(checkedAt, listing.productId),
  };
}
