import { type Channel, channels, formatIssues, parseDetail } from '@ocop-sync/domain';
import type { EventPublisher } from '@ocop-sync/runtime';
import { meaningOf, type PushMeaning } from './marketplace-push-mapping.js';
import { fetchPlacedOrder, type ReadOrder } from './marketplace-push-orders.js';
import { type MarketplacePush, verifyPush } from './marketplace-push-verify.js';
import type { MarketplaceApps } from './marketplace-wiring.js';

export { meaningOf, type OrderToFetch, type PushMeaning } from './marketplace-push-mapping.js';
export {
  createOrderReader,
  type FetchedOrder,
  fetchPlacedOrder,
  ORDER_FETCH_TIMEOUT_MS,
  type OrderRead,
  type ReadOrder,
} from './marketplace-push-orders.js';
export { type MarketplacePush, PUSH_TOLERANCE_SECONDS, verifyPush } from './marketplace-push-verify.js';

export interface MarketplacePushDeps {
  /** The app credentials (cached by the caller): they hold the keys pushes are signed with. */
  apps: () => Promise<MarketplaceApps>;
  publisher: EventPublisher;
  now: () => Date;
  /** Reads a thin push's order lines from the marketplace (Shopee, Lazada). */
  readOrder: ReadOrder;
  /** Bound on that read; defaults to ORDER_FETCH_TIMEOUT_MS. */
  orderFetchTimeoutMs?: number;
}

/** How a push was handled; `refused`, `bad-body` and `retry` publish nothing. */
export type PushOutcome =
  | { kind: 'published'; count: number }
  | { kind: 'ignored'; reason: string }
  | { kind: 'refused'; reason: 'forged' | 'replayed' | 'not-configured' }
  | { kind: 'bad-body'; detail: string }
  /** The order's lines could not be read now: answered 503 so the marketplace re-sends the push. */
  | { kind: 'retry'; reason: string };

/**
 * Verifies a marketplace push on its raw body, then publishes what it means (MarketplaceOrderPlaced,
 * MarketplaceOrderCancelled, MarketplaceItemBanned) under the marketplace's source. Every event is
 * checked against the catalogue before anything is published.
 *
 * @example
 * const outcome = await handleMarketplacePush(deps, { channel: 'shopee', url, headers, body });
 */
export async function handleMarketplacePush(
  deps: MarketplacePushDeps,
  push: MarketplacePush,
): Promise<PushOutcome> {
  const verification = verifyPush(push, await deps.apps(), deps.now());
  if (!verification.ok) return { kind: 'refused', reason: verification.reason };
  const meaning = await withLines(deps, meaningOf(push.channel, push.body));
  if (meaning.kind !== 'events') return meaning;
  for (const entry of meaning.entries) {
    const parsed = parseDetail(entry.detailType, entry.detail);
    if (!parsed.ok) return { kind: 'bad-body', detail: formatIssues(parsed.issues) };
  }
  await deps.publisher.publish(meaning.entries);
  return { kind: 'published', count: meaning.entries.length };
}

/** A thin order push becomes its events once its lines are read; every other meaning passes through. */
async function withLines(
  deps: MarketplacePushDeps,
  meaning: PushMeaning,
): Promise<Exclude<PushMeaning, { kind: 'fetch-order' }> | { kind: 'retry'; reason: string }> {
  if (meaning.kind !== 'fetch-order') return meaning;
  return fetchPlacedOrder(deps.readOrder, meaning.order, deps.orderFetchTimeoutMs);
}

/** API Gateway HTTP API (payload v2) result. */
export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

/** The channel in `/webhooks/{channel}`, or undefined for any other path. */
export function channelOfPath(path: string): Channel | undefined {
  const match = /^\/webhooks\/([a-z]+)\/?$/.exec(path);
  const name = match?.[1];
  return channels.find((channel) => channel === name);
}

/**
 * The HTTP answer: 200 with an empty body (Shopee counts anything else as a failed delivery), 401 for a push
 * that is not the marketplace's, 400 for a body we cannot read, 503 for an order whose lines could not be read
 * yet (the marketplace re-sends it), as RFC 9457 problem details.
 */
export function toHttpResult(outcome: PushOutcome): HttpResult {
  switch (outcome.kind) {
    case 'published':
    case 'ignored':
      return { statusCode: 200, body: '' };
    case 'refused':
      if (outcome.reason === 'not-configured') return problem(503, 'Push verification not configured');
      return problem(401, 'Push signature or timestamp refused');
    case 'bad-body':
      return problem(400, 'Push body not understood', outcome.detail);
    case 'retry':
      return problem(503, 'Order details not available yet, please retry');
  }
}

/** RFC 9457 problem details; never internals, only what the sender can act on. */
export function problem(status: number, title: string, detail?: string): HttpResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: 'about:blank', title, status, ...(detail === undefined ? {} : { detail }) }),
  };
}
