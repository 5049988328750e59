import type { CatalogueEvent, EventDetail } from '@ocop-sync/domain';
import type { Ledger, ProductChangeResult } from '@ocop-sync/ledger';
import { RetryableCertificationError } from './certification-errors.js';
import { type CertificationDeps, type PlanTrigger, replanProduct } from './certification-plan.js';

/** What handling one event did: the ledger's verdict and how many ListingRequested were published. */
export interface CertificationOutcome {
  outcome: 'applied' | 'duplicate' | 'stale' | 'rejected' | 'ignored';
  requested: number;
}

interface ProductStep {
  productId: string;
  trigger: PlanTrigger;
  result: ProductChangeResult;
}

/**
 * The certification route: applies a registry decision (or the sweep's expiry, or a marketplace ban) to the
 * ledger, then re-plans the product's channels and publishes one ListingRequested per channel to change.
 * Duplicates and stale events are re-planned too: if a previous delivery crashed after its ledger write, the
 * replay publishes the requests it missed, under the same request ids. An event that arrives before the
 * product it needs throws `RetryableCertificationError`, so the queue redelivers it later.
 *
 * @example
 * export const handler = createQueueHandler(options, async (event) => {
 *   await handleCertificationEvent({ ledger, publisher, now: () => new Date() }, event);
 * });
 */
export async function handleCertificationEvent(
  deps: CertificationDeps,
  event: CatalogueEvent,
): Promise<CertificationOutcome> {
  switch (event['detail-type']) {
    case 'ProducerChannelsLinked':
      return linkChannels(deps, event.detail);
    case 'MarketplaceItemBanned':
      return recordBan(deps.ledger, event.detail);
    default: {
      const step = await applyProductEvent(deps.ledger, event);
      return step ? planAfter(deps, step) : { outcome: 'ignored', requested: 0 };
    }
  }
}

async function applyProductEvent(ledger: Ledger, event: CatalogueEvent): Promise<ProductStep | undefined> {
  switch (event['detail-type']) {
    case 'ProductCertified': {
      const { productId } = event.detail.product;
      return { productId, trigger: 'certified', result: await ledger.recordCertification(event.detail) };
    }
    case 'ProductDetailsUpdated': {
      const { productId } = event.detail.product;
      return { productId, trigger: 'details-changed', result: await ledger.recordDetails(event.detail) };
    }
    case 'CertificationRenewed':
      return { ...ids(event.detail, 'renewed'), result: await ledger.recordRenewal(event.detail) };
    case 'StarRatingChanged':
      return { ...ids(event.detail, 'stars-changed'), result: await ledger.recordStarRating(event.detail) };
    case 'CertificationRevoked':
      return { ...ids(event.detail, 'revoked'), result: await ledger.recordRevocation(event.detail) };
    case 'CertificationExpired':
      return { ...ids(event.detail, 'expired'), result: await ledger.markExpired(event.detail) };
    default:
      // Not on this route's rule: nothing to apply.
      return undefined;
  }
}

const ids = (detail: { productId: string }, trigger: PlanTrigger) => ({
  productId: detail.productId,
  trigger,
});

async function planAfter(deps: CertificationDeps, step: ProductStep): Promise<CertificationOutcome> {
  const { result } = step;
  if (result.outcome === 'rejected') {
    // The ledger wrote nothing: the product's certification has not arrived yet (out of order).
    throw new RetryableCertificationError(`${step.trigger}: product not in the ledger yet`, {
      detailType: step.trigger,
      reason: result.reason,
      productId: step.productId,
    });
  }
  const product =
    result.outcome === 'duplicate'
      ? (result.product ?? (await deps.ledger.getProduct(step.productId)))
      : result.product;
  if (!product) return { outcome: result.outcome, requested: 0 };
  const requests = await replanProduct(deps, product, step.trigger);
  return { outcome: result.outcome, requested: requests.length };
}

/** A producer's shops changed: every product of the producer may gain or lose a channel. */
async function linkChannels(
  deps: CertificationDeps,
  detail: EventDetail<'ProducerChannelsLinked'>,
): Promise<CertificationOutcome> {
  const { producerId } = detail.producer;
  const result = await deps.ledger.linkChannels(detail);
  const products = await deps.ledger.listByProducer(producerId);
  // The accounts are read once for all the producer's products (not per product, and not at all without any).
  const accounts = products.length === 0 ? [] : await deps.ledger.listChannelAccounts(producerId);
  let requested = 0;
  // One product at a time: a producer has tens of products, and a failure part-way is replayed whole.
  for (const product of products) {
    requested += (await replanProduct(deps, product, 'channel-linked', accounts)).length;
  }
  return { outcome: result.outcome, requested };
}

/** The ledger adopts the ban; the plan leaves a banned listing alone until a human acts, so nothing is published. */
async function recordBan(
  ledger: Ledger,
  detail: EventDetail<'MarketplaceItemBanned'>,
): Promise<CertificationOutcome> {
  const result = await ledger.recordListingBanned(detail);
  if (result.outcome === 'rejected' && result.retryable) {
    // The item → listing index is eventually consistent: the listing may be found on a later delivery.
    throw new RetryableCertificationError(`ban not recorded: ${result.reason}`, {
      detailType: 'MarketplaceItemBanned',
      reason: result.reason,
    });
  }
  return { outcome: result.outcome, requested: 0 };
}
