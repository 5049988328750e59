import { createLedger, type StockMovement } from '@ocop-sync/ledger';
import type { DemoShop, LocalStack } from '@ocop-sync/local-stack';
import type { Workload } from './workload.js';

/** Fields that say when or how often something was written, not what the state is. */
const volatileKeys = new Set([
  'updatedAt',
  'recordedAt',
  'syncedAt',
  'failedAt',
  'bannedAt',
  'externalItemId',
  'revision',
]);

/** One comparable entry per key: `product/<id>`, `listing/<id>/<channel>`, `item/<channel>/<producer>/<sku>`… */
export type Snapshot = ReadonlyMap<string, string>;

/**
 * The final state of a run, normalised so two runs of the same workload can be compared: ids are
 * stripped of the run's prefix, write timestamps and marketplace item ids (drawn in creation order) are
 * left out, and a listing's stock versions (which coalescing makes timing-dependent) too.
 */
export async function takeSnapshot(
  stack: LocalStack,
  workload: Workload,
  shops: readonly DemoShop[],
): Promise<Snapshot> {
  const ledger = createLedger({ client: stack.dynamodb, tableName: stack.tableName });
  const entries = new Map<string, string>();
  const put = (key: string, value: unknown) =>
    entries.set(unprefix(key, workload.prefix), unprefix(stable(value), workload.prefix));
  for (const productId of workload.productIds) {
    put(`product/${productId}`, (await ledger.getProduct(productId)) ?? null);
    for (const listing of await ledger.listListings(productId)) {
      const { desiredStock, synced, ...rest } = listing;
      put(`listing/${productId}/${listing.channel}`, {
        ...rest,
        desiredQuantity: desiredStock?.quantity,
        synced: synced ? { status: synced.status, productVersion: synced.productVersion } : undefined,
      });
    }
    const stock = await ledger.getStock(productId);
    put(
      `stock/${productId}`,
      stock ? { ...stock, levels: sortBy(stock.levels, (level) => stable(level)) } : null,
    );
    for (const movement of await ledger.movementLog(productId)) {
      put(`movement/${productId}/${movement.movementId}`, movementFacts(movement));
    }
  }
  for (const shop of shops) {
    for (const item of stack.sandboxes[shop.channel].listItems(shop.shopId)) {
      put(`item/${shop.channel}/${shop.producerId}/${item.sellerSku}`, {
        sellerSku: item.sellerSku,
        title: item.title,
        price: item.price,
        stock: item.stock,
        status: item.status,
      });
    }
  }
  return entries;
}

/**
 * What a movement did, without the running figures it saw (available, level after, stock version): those
 * depend on the order commuting movements were applied in, which at-least-once delivery does not fix.
 */
function movementFacts(movement: StockMovement) {
  const { result } = movement;
  return {
    movementId: movement.movementId,
    kind: movement.kind,
    outcome: result.outcome,
    changes:
      'changes' in result ? result.changes.map(({ delta, location }) => ({ delta, location })) : undefined,
    reason: 'reason' in result ? result.reason : undefined,
  };
}

/** JSON with sorted keys and the volatile fields removed. */
function stable(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => {
    if (volatileKeys.has(key)) return undefined;
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)));
    }
    return inner;
  });
}

const unprefix = (text: string, prefix: string) => text.replaceAll(`${prefix}-`, 'RUN-');

const sortBy = <T>(items: readonly T[], key: (item: T) => string): T[] =>
  [...items].sort((a, b) => key(a).localeCompare(key(b)));
