import type { Channel } from '@ocop-sync/domain';
import type { Ledger, Listing, Product } from '@ocop-sync/ledger';
import {
  type MarketplaceAdapter,
  NeedsHumanError,
  PermanentError,
  type ShopAccount,
} from '@ocop-sync/marketplaces';
import type { ReceivedEvent } from '@ocop-sync/runtime';
import { decidePush, groupByProduct, producersNamed, producersOfMovedStock } from './stock-sync-plan.js';
import { forEachConcurrently, untilDeadline } from './within-deadline.js';

/** The logging stock-sync does; Powertools' Logger and the marketplaces' Logger both fit. */
export interface StockSyncLogger {
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

/** What stock-sync needs for one channel: the ledger, that channel's adapter and the producers' shops. */
export interface StockSyncDeps {
  ledger: Pick<Ledger, 'getChannelState' | 'recordListingSynced'>;
  adapter: MarketplaceAdapter;
  /** The producer's shop on the channel, with its token store; undefined when not linked. */
  accountFor(producerId: string, channel: Channel): Promise<ShopAccount | undefined>;
  channel: Channel;
  logger?: StockSyncLogger;
  /** Time source for the recorded `syncedAt`; tests may pin it. */
  clock?: () => Date;
  /** Products synced at once (each waits on the marketplace's per-shop rate limit). Default 4. */
  concurrency?: number;
  /**
   * Epoch ms after which no product is started and every product not yet done is failed for retry, so the
   * invocation answers before its timeout instead of failing the whole batch.
   */
  deadline?: number;
}

type ProductOutcome = 'done' | 'retry';

/**
 * Re-reads after a push: another invocation may have pushed an older number after ours landed, or a
 * movement may have landed meanwhile. Whoever reads last pushes last, so the marketplace ends on the
 * newest number. Bounded: a product still moving has newer StockLevelChanged events on their way.
 */
const MAX_PUSH_ROUNDS = 3;
const DEFAULT_CONCURRENCY = 4;

/**
 * Pushes available-to-sell quantities to one marketplace for a batch of StockLevelChanged/ListingSynced
 * events, coalesced per product: the ledger's current number is read once per product and pushed at most
 * once (a confirmation round aside), whatever the number of changes in the batch. A product without a live
 * listing on the channel, or whose last push is at least as new, is skipped. Retryable failures (marketplace
 * throttling/outage, ledger outage) fail that product's message ids; permanent or needs-a-human refusals are
 * logged and dropped (listing-sync reports those to the producer).
 *
 * @example
 * export const handler = createBatchQueueHandler(options, (events) => syncStock(deps, events));
 */
export async function syncStock(
  deps: StockSyncDeps,
  events: readonly ReceivedEvent[],
): Promise<{ failedMessageIds: string[] }> {
  const groups = [...groupByProduct(events, deps.channel)];
  const moved = producersOfMovedStock(events);
  const named = producersNamed(events, deps.channel);
  const deadline = deps.deadline ?? Number.POSITIVE_INFINITY;
  const outcomes: (ProductOutcome | undefined)[] = new Array(groups.length);
  const work = forEachConcurrently(
    groups.length,
    deps.concurrency ?? DEFAULT_CONCURRENCY,
    deadline,
    async (index) => {
      const productId = groups[index]?.[0];
      if (productId !== undefined)
        outcomes[index] = await syncProductSafely(deps, productId, {
          movedBy: moved.get(productId),
          producerId: named.get(productId),
        });
    },
  );
  await untilDeadline(work, deadline);
  // A product not done (not started, or still pushing at the deadline) comes back with its messages.
  const failedMessageIds = groups.flatMap(([, messageIds], index) =>
    outcomes[index] === 'done' ? [] : messageIds,
  );
  return { failedMessageIds };
}

async function syncProductSafely(
  deps: StockSyncDeps,
  productId: string,
  hints: ProducerHints,
): Promise<ProductOutcome> {
  try {
    await syncProduct(deps, productId, hints);
    return 'done';
  } catch (error) {
    const context = { productId, channel: deps.channel, error };
    if (error instanceof PermanentError || error instanceof NeedsHumanError) {
      deps.logger?.warn('stock push refused; dropped (listing-sync reports it)', context);
      return 'done';
    }
    deps.logger?.error('stock push failed; will retry', context);
    return 'retry';
  }
}

async function syncProduct(
  deps: StockSyncDeps,
  productId: string,
  { movedBy, producerId }: ProducerHints,
): Promise<void> {
  const needs = pushNeeds(deps);
  // Stock moved: the push is all but certain, so the shop lookup goes out with the first round's read.
  if (movedBy !== undefined) needs.prefetch(movedBy);
  for (let round = 0; round < MAX_PUSH_ROUNDS; round += 1) {
    if (!(await pushIfBehind(deps, { productId, producerId }, needs))) return;
  }
}

/** The product's producer as the batch's events name it: who moved its stock, and any producer named at all. */
interface ProducerHints {
  movedBy: string | undefined;
  producerId: string | undefined;
}

/** What a push needs besides the ledger's state: the producer's shop, looked up once per batch. */
interface PushNeeds {
  account(producerId: string): Promise<ShopAccount | undefined>;
  /** Starts the lookup now; a failure surfaces only if the push then needs it. */
  prefetch(producerId: string): void;
}

function pushNeeds(deps: StockSyncDeps): PushNeeds {
  const accounts = new Map<string, Promise<ShopAccount | undefined>>();
  const needs: PushNeeds = {
    account: (producerId) => {
      const known = accounts.get(producerId) ?? deps.accountFor(producerId, deps.channel);
      accounts.set(producerId, known);
      return known;
    },
    prefetch: (producerId) => {
      // Not awaited unless needed: keep an unused failure from being an unhandled rejection.
      needs.account(producerId).catch(() => undefined);
    },
  };
  return needs;
}

/** One read-decide-push-record round; true when it pushed and recorded a number. */
async function pushIfBehind(
  deps: StockSyncDeps,
  { productId, producerId }: { productId: string; producerId: string | undefined },
  needs: PushNeeds,
): Promise<boolean> {
  const { ledger, channel } = deps;
  // Stock, listing and product (for the seller SKU) in one request, every round; with the producer's stock
  // settings when the ledger has them no longer cached.
  const { available, listing, product } = await ledger.getChannelState(productId, channel, producerId);
  if (available === undefined || listing === undefined) return false;
  const decision = decidePush(listing, available);
  if (!decision.push) return false;
  const account = await needs.account(listing.producerId);
  if (account === undefined) {
    deps.logger?.warn('no linked shop for a live listing; stock not pushed', { productId, channel });
    return false;
  }
  return pushAndRecord(
    deps,
    { productId, producerId: listing.producerId, ...decision.synced },
    { account, product, listing },
    available,
  );
}

interface PushTarget {
  productId: string;
  producerId: string;
  externalItemId: string;
  productVersion: number;
  status: 'live' | 'paused' | 'delisted';
}

async function pushAndRecord(
  deps: StockSyncDeps,
  target: PushTarget,
  { account, product, listing }: { account: ShopAccount; product: Product | undefined; listing: Listing },
  available: { available: number; stockVersion: number },
): Promise<boolean> {
  const { ledger, channel } = deps;
  const { productId, producerId, externalItemId, productVersion, status } = target;
  // The seller SKU is the product's own, or its id: the same rule the listing was created with.
  const sellerSku = product?.details.sku ?? productId;
  await deps.adapter.setStock(
    account,
    { channel, shopId: account.shopId, sellerSku, externalItemId },
    available.available,
  );
  const syncedAt = (deps.clock ?? (() => new Date()))().toISOString();
  const detail = { productId, producerId, channel, productVersion, externalItemId, status, syncedAt };
  // Recorded against the listing this round read: the ledger reads it again only if it changed meanwhile.
  const recorded = await ledger.recordListingSynced(detail, {
    stockVersion: available.stockVersion,
    quantity: available.available,
    basedOn: listing,
  });
  if (recorded.outcome === 'applied') return true;
  // Not recorded (e.g. a newer listing sync carries a later time): stop rather than push again in a loop.
  deps.logger?.warn('stock push not recorded in the ledger', {
    productId,
    channel,
    outcome: recorded.outcome,
  });
  return false;
}
