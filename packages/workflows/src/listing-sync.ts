import { randomUUID } from 'node:crypto';
import type { BilingualText, EventDetail } from '@ocop-sync/domain';
import { vietnamDate } from '@ocop-sync/domain';
import type { ChannelState, Ledger, Listing, Product } from '@ocop-sync/ledger';
import {
  type ListingRef,
  type MarketplaceAdapter,
  NeedsHumanError,
  PermanentError,
  type ShopAccount,
  toListingDraft,
} from '@ocop-sync/marketplaces';
import type { EventPublisher, ReceivedEvent } from '@ocop-sync/runtime';
import type { ChannelWiring } from './marketplace-wiring.js';
import { forEachConcurrently, untilDeadline } from './within-deadline.js';

/** What listing-sync needs; every part is injected so tests run it against DynamoDB Local and a sandbox. */
export interface ListingSyncDeps {
  ledger: Pick<
    Ledger,
    | 'getChannelState'
    | 'getListing'
    | 'recordListingSynced'
    | 'recordListingFailed'
    | 'takeCreationLease'
    | 'releaseCreationLease'
  >;
  adapter: MarketplaceAdapter;
  accountFor: ChannelWiring['accountFor'];
  publisher: EventPublisher;
  now: () => Date;
}

/** How one request ended: already done, accepted by the marketplace, or refused (ListingFailed published). */
export type ListingSyncOutcome = 'skipped' | 'synced' | 'failed';

type Request = EventDetail<'ListingRequested'>;
type Failure = EventDetail<'ListingFailed'>['failure'];
type SyncedStatus = EventDetail<'ListingSynced'>['status'];

/** The listing status each action leaves behind: a request whose status already holds is done. */
const statusAfter: Record<Request['action'], SyncedStatus> = {
  list: 'live',
  update: 'live',
  pause: 'paused',
  delist: 'delisted',
};

/**
 * Applies one ListingRequested to its channel: list or update (mapped by `toListingDraft`, with the stock
 * available to sell) or pause/delist, then records and publishes ListingSynced or ListingFailed. A
 * `RetryableError` (throttled, outage) is thrown so the queue redelivers.
 *
 * @example
 * await handleListingRequest({ ledger, adapter, accountFor, publisher, now: () => new Date() }, detail);
 */
export async function handleListingRequest(
  deps: ListingSyncDeps,
  request: Request,
): Promise<ListingSyncOutcome> {
  // Product, listing and stock (and the producer's stock settings unless cached) in one request. The stock is
  // read now, not after the shop lookup, so an upsert needs no further read; the number pushed and its stock
  // version still come from one read.
  const { product, listing, available } = await deps.ledger.getChannelState(
    request.productId,
    request.channel,
    request.producerId,
  );
  // The certification function records the product before it plans: a miss is a lagging read, retried.
  if (product === undefined || product.version < request.productVersion) {
    throw new Error(`product ${request.productId} v${request.productVersion} is not in the ledger yet`);
  }
  if (alreadyDone(listing, request)) return 'skipped';
  const account = await deps.accountFor(request.producerId, request.channel);
  if (account === undefined) return fail(deps, request, shopNotLinked(request), listing ?? null);
  try {
    return await apply(deps, { request, product, listing, available, account });
  } catch (error) {
    const failure = asFailure(error);
    if (failure === undefined) throw error;
    // Not `listing` as the basis: an attempt may have recorded a sync since it was read.
    return fail(deps, request, failure);
  }
}

/** How a batch of ListingRequested records is worked through. */
export interface ListingBatchOptions {
  /**
   * Products handled at once. Each record still waits on the adapter's per-shop and per-app rate limits, so
   * this only has to be large enough to keep those limits busy.
   */
  concurrency: number;
  /**
   * Epoch ms after which no record is started and every record not yet settled is reported failed (the queue
   * retries it), so the invocation answers before its timeout instead of failing the whole batch.
   */
  deadline?: number;
  /** Called once per record that settled (for the function's log). */
  onSettled?: (request: Request, outcome: ListingSyncOutcome | { error: unknown }) => void;
}

interface QueuedRequest {
  messageId: string;
  request: Request;
}

/**
 * Applies a batch of ListingRequested records: different products concurrently (up to
 * `options.concurrency`), the requests of one product one after the other in batch order. A record that
 * throws is reported in `failedMessageIds`, and so are the later requests of the same product (they must not
 * overtake it); the other products go on. Records of other detail types are ignored (acknowledged).
 *
 * @example
 * createBatchQueueHandler(options, (events) => handleListingBatch(deps, events, { concurrency: 10 }));
 */
export async function handleListingBatch(
  deps: ListingSyncDeps,
  events: readonly ReceivedEvent[],
  options: ListingBatchOptions,
): Promise<{ failedMessageIds: string[] }> {
  const byProduct = new Map<string, QueuedRequest[]>();
  for (const { messageId, event } of events) {
    if (event['detail-type'] !== 'ListingRequested') continue;
    const queued = byProduct.get(event.detail.productId) ?? [];
    queued.push({ messageId, request: event.detail });
    byProduct.set(event.detail.productId, queued);
  }
  // A producer's shop is looked up once per batch, not once per product of that producer in it.
  const batchDeps = { ...deps, accountFor: oncePerBatch(deps.accountFor) };
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  const settled = new Set<string>();
  const failed = new Set<string>();
  const handleProduct = async (queued: readonly QueuedRequest[]) => {
    for (const [index, { messageId, request }] of queued.entries()) {
      if (Date.now() >= deadline) return;
      try {
        const outcome = await handleListingRequest(batchDeps, request);
        settled.add(messageId);
        options.onSettled?.(request, outcome);
      } catch (error) {
        for (const later of queued.slice(index)) failed.add(later.messageId);
        options.onSettled?.(request, { error });
        return;
      }
    }
  };
  const products = [...byProduct.values()];
  const work = forEachConcurrently(products.length, options.concurrency, deadline, async (index) => {
    const queued = products[index];
    if (queued !== undefined) await handleProduct(queued);
  });
  await untilDeadline(work, deadline);
  const unsettled = products
    .flat()
    .filter(({ messageId }) => !settled.has(messageId))
    .map(({ messageId }) => messageId);
  return { failedMessageIds: [...new Set([...failed, ...unsettled])] };
}

/**
 * The shop lookup, remembered for one batch only (a shop linked or unlinked is seen by the next batch). A
 * failed lookup is forgotten, so a later record of the batch tries again.
 */
function oncePerBatch(accountFor: ListingSyncDeps['accountFor']): ListingSyncDeps['accountFor'] {
  const known = new Map<string, Promise<ShopAccount | undefined>>();
  return (producerId, channel) => {
    const key = `${producerId}#${channel}`;
    const found = known.get(key);
    if (found !== undefined) return found;
    const lookup = accountFor(producerId, channel);
    known.set(key, lookup);
    lookup.catch(() => known.delete(key));
    return lookup;
  };
}

function alreadyDone(listing: Listing | undefined, request: Request): boolean {
  const synced = listing?.synced;
  return (
    synced !== undefined &&
    synced.productVersion >= request.productVersion &&
    synced.status === statusAfter[request.action]
  );
}

interface Work {
  request: Request;
  product: Product;
  listing: Listing | undefined;
  available: ChannelState['available'];
  account: ShopAccount;
}

async function apply(deps: ListingSyncDeps, work: Work): Promise<ListingSyncOutcome> {
  const { request, product, listing, account } = work;
  if (request.action === 'list' || request.action === 'update') return upsert(deps, work);
  const synced = listing?.synced;
  // Never listed on this channel: there is nothing to take down.
  if (synced === undefined) return 'skipped';
  const sellerSku = product.details.sku ?? product.productId;
  const ref: ListingRef = {
    channel: request.channel,
    shopId: account.shopId,
    sellerSku,
    externalItemId: synced.externalItemId,
  };
  await deps.adapter.delist(account, ref);
  await succeed(
    deps,
    request,
    { externalItemId: synced.externalItemId, status: statusAfter[request.action] },
    { basedOn: listing ?? null },
  );
  return 'synced';
}

async function upsert(deps: ListingSyncDeps, work: Work): Promise<ListingSyncOutcome> {
  const { request, product, listing, available: stock, account } = work;
  const draft = toListingDraft(request.channel, {
    product: product.details,
    certificate: product.certificate,
    stock: stock?.available ?? 0,
    asOf: vietnamDate(deps.now()),
  });
  if (!draft.ok) {
    return fail(
      deps,
      request,
      { kind: 'permanent', code: 'listing-refused', field: draft.field, message: draft.reason },
      listing ?? null,
    );
  }
  const knownFrom = (current: Listing | undefined): ListingRef | undefined =>
    current?.synced === undefined
      ? undefined
      : {
          channel: request.channel,
          shopId: account.shopId,
          sellerSku: draft.draft.sellerSku,
          externalItemId: current.synced.externalItemId,
        };
  // `current` is the listing as last read: the ledger records the sync against it without reading it again.
  const record = async (current: Listing | undefined) => {
    const upserted = await deps.adapter.upsertListing(account, draft.draft, knownFrom(current));
    await succeed(
      deps,
      { ...request, productVersion: product.version },
      { externalItemId: upserted.externalItemId, status: 'live' },
      { basedOn: current ?? null, stockVersion: stock?.stockVersion },
    );
    return 'synced' as const;
  };
  if (knownFrom(listing) !== undefined) return record(listing);
  // Under the lease, read again: a worker that held it a moment ago may have created the item meanwhile.
  return createOnce(deps, request, async () =>
    record(await deps.ledger.getListing(request.productId, request.channel)),
  );
}

/** Longer than listing-sync's timeout, so a lease outlives any one attempt that holds it. */
const CREATION_LEASE_SECONDS = 120;

/** Thrown (and so retried by the queue) while another worker is creating the same item. */
export class CreationInProgressError extends Error {
  override name = 'CreationInProgressError';
}

/**
 * A first listing is created under the ledger's creation lease: a copy of the same request handled at the same
 * moment waits (queue retry) and then finds the item recorded, instead of creating a second item with the
 * same seller SKU (Shopee accepts duplicates).
 */
async function createOnce(
  deps: ListingSyncDeps,
  request: Request,
  create: () => Promise<'synced'>,
): Promise<'synced'> {
  const lease = { productId: request.productId, channel: request.channel, holder: randomUUID() };
  if (!(await deps.ledger.takeCreationLease({ ...lease, leaseSeconds: CREATION_LEASE_SECONDS }))) {
    throw new CreationInProgressError(`${request.productId} is being created on ${request.channel}; retry`);
  }
  try {
    return await create();
  } finally {
    await deps.ledger.releaseCreationLease(lease);
  }
}

/** How a sync is recorded: against the listing as last read (`basedOn`), with the pushed stock's version. */
interface RecordOptions {
  basedOn: Listing | null;
  stockVersion?: number | undefined;
}

async function succeed(
  deps: ListingSyncDeps,
  request: Request,
  state: { externalItemId: string; status: SyncedStatus },
  { basedOn, stockVersion }: RecordOptions,
): Promise<void> {
  const { productId, producerId, channel, productVersion } = request;
  const detail = {
    productId,
    producerId,
    channel,
    productVersion,
    ...state,
    syncedAt: deps.now().toISOString(),
  };
  await deps.ledger.recordListingSynced(
    detail,
    stockVersion === undefined ? { basedOn } : { basedOn, stockVersion },
  );
  await deps.publisher.publish([{ detailType: 'ListingSynced', detail }]);
}

/** `basedOn`, when given, is the listing as read in this invocation, nothing recorded since (see succeed). */
async function fail(
  deps: ListingSyncDeps,
  request: Request,
  failure: Failure,
  basedOn?: Listing | null,
): Promise<'failed'> {
  const { productId, producerId, channel, productVersion } = request;
  const detail = {
    productId,
    producerId,
    channel,
    productVersion,
    failure,
    failedAt: deps.now().toISOString(),
  };
  await deps.ledger.recordListingFailed(detail, basedOn === undefined ? {} : { basedOn });
  await deps.publisher.publish([{ detailType: 'ListingFailed', detail }]);
  return 'failed';
}

/** A refusal a retry cannot fix becomes a ListingFailed; anything else (RetryableError, outages) is re-thrown. */
function asFailure(error: unknown): Failure | undefined {
  if (error instanceof PermanentError) {
    const field = error.field === undefined ? {} : { field: error.field };
    return { kind: 'permanent', code: error.code, ...field, message: error.humanMessage };
  }
  if (error instanceof NeedsHumanError) {
    return { kind: 'needs-human', code: error.resolution, message: error.humanMessage };
  }
  return undefined;
}

const notLinkedMessage = (channel: string): BilingualText => ({
  vi: `Chủ thể chưa kết nối gian hàng ${channel} với ocop-sync. Vui lòng kết nối gian hàng để đăng bán sản phẩm.`,
  en: `The producer has not connected a ${channel} shop to ocop-sync. Please connect the shop to list the product.`,
});

function shopNotLinked(request: Request): Failure {
  return { kind: 'needs-human', code: 'shop-not-linked', message: notLinkedMessage(request.channel) };
}
