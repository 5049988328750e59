import { type Channel, channels, formatIssues, parseDetail } from '@ocop-sync/domain';
import type { EventPublisher } from '@ocop-sync/runtime';
import { meaningOf } from './marketplace-push-mapping.js';
import { type MarketplacePush, verifyPush } from './marketplace-push-verify.js';
import type { MarketplaceApps } from './marketplace-wiring.js';

export { meaningOf, type PushMeaning } from './marketplace-push-mapping.js';
export { type MarketplacePush, PUSH_TOLERANCE_SECONDS, verifyPush } from './marketplace-push-verify.js';

export interface MarketplacePushDeps {
  /** The app credentials (cached by the caller): they hold the keys pushes are signed with. */
  apps: () => Promise<MarketplaceApps>;
  publisher: EventPublisher;
  now: () => Date;
}

/** How a push was handled; `refused` and `bad-body` publish nothing. */
export type PushOutcome =
  | { kind: 'published'; count: number }
  | { kind: 'ignored'; reason: string }
  | { kind: 'refused'; reason: 'forged' | 'replayed' | 'not-configured' }
  | { kind: 'bad-body'; detail: string };

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
  const meaning = meaningOf(push.channel, push.body);
  if (meaning.kind !== 'events') return meaning;
  for (const entry of meaning.entries) {
    const parsed = parseDetail(entry.detailType, entry.detail);
    if (!parsed.ok) return { kind: 'bad-body', detail: formatIssues(parsed.issues) };
  }
  await deps.publisher.publish(meaning.entries);
  return { kind: 'published', count: meaning.entries.length };
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
 * that is not the marketplace's, 400 for a body we cannot read, as RFC 9457 problem details.
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
