import { addDays, certificateStatus, daysBetween, EXPIRY_NOTICE_DAYS, vietnamDate } from '@ocop-sync/domain';
import type { Ledger, Product } from '@ocop-sync/ledger';
import type { EventPublisher } from '@ocop-sync/runtime';

/** The sweep's dependencies; `now` is injectable so a replay or a test can sweep as of another day. */
export interface CertificationSweepDeps {
  ledger: Ledger;
  publisher: EventPublisher;
  now: () => Date;
}

/** What one sweep did. `due` is how many certificates it read: only those expiring within the notice window. */
export interface CertificationSweepCounts {
  due: number;
  expiring60: number;
  expiring30: number;
  expired: number;
  unchanged: number;
}

type NoticeDays = (typeof EXPIRY_NOTICE_DAYS)[number];
type SweepStep = 'expiring60' | 'expiring30' | 'expired' | 'unchanged';

/** The widest notice (60 days) plus today: `productsExpiringBefore` is exclusive. */
const SWEEP_HORIZON_DAYS = Math.max(...EXPIRY_NOTICE_DAYS) + 1;

/**
 * The daily certification sweep. Reads only the certificates expiring within 60 days (the ledger's sparse
 * expiry index), then for each: expired → `CertificationExpired` (the certification route delists it);
 * within 60 or 30 days → one `CertificationExpiring` per threshold, never repeated (the ledger records
 * which notices were given for the current certificate).
 *
 * @example
 * const counts = await runCertificationSweep({ ledger, publisher, now: () => new Date() });
 */
export async function runCertificationSweep(deps: CertificationSweepDeps): Promise<CertificationSweepCounts> {
  const today = vietnamDate(deps.now());
  const due = await deps.ledger.productsExpiringBefore(addDays(today, SWEEP_HORIZON_DAYS));
  const counts: CertificationSweepCounts = {
    due: due.length,
    expiring60: 0,
    expiring30: 0,
    expired: 0,
    unchanged: 0,
  };
  // One product at a time: a sweep handles a few hundred certificates a day, well inside its timeout.
  for (const product of due) {
    counts[await sweepProduct(deps, product, today)] += 1;
  }
  return counts;
}

async function sweepProduct(
  deps: CertificationSweepDeps,
  product: Product,
  today: string,
): Promise<SweepStep> {
  const status = certificateStatus(product.certificate, today, product.status === 'revoked');
  if (status === 'expired') return expire(deps, product);
  const noticeDays = noticeDue(daysBetween(today, product.certificate.expiresOn));
  if (noticeDays === undefined || product.expiryNotices.includes(noticeDays)) return 'unchanged';
  return notify(deps, product, noticeDays);
}

/** The nearest threshold crossed: after a missed sweep a producer gets the 30-day notice, not both at once. */
function noticeDue(daysLeft: number): NoticeDays | undefined {
  return [...EXPIRY_NOTICE_DAYS].sort((a, b) => a - b).find((days) => daysLeft <= days);
}

async function notify(deps: CertificationSweepDeps, product: Product, noticeDays: NoticeDays) {
  const { productId, producerId, certificate } = product;
  const result = await deps.ledger.markExpiring({ productId, expiresOn: certificate.expiresOn, noticeDays });
  // Marked first, published only when this sweep made the mark: a notice is never sent twice.
  if (result.outcome !== 'applied') return 'unchanged';
  await deps.publisher.publish([
    {
      detailType: 'CertificationExpiring',
      detail: {
        productId,
        producerId,
        decisionNumber: certificate.decisionNumber,
        expiresOn: certificate.expiresOn,
        noticeDays,
      },
    },
  ]);
  return noticeDays === 60 ? 'expiring60' : 'expiring30';
}

async function expire(deps: CertificationSweepDeps, product: Product): Promise<SweepStep> {
  const { productId, producerId, certificate } = product;
  const detail = {
    productId,
    producerId,
    decisionNumber: certificate.decisionNumber,
    expiredOn: certificate.expiresOn,
  };
  // Published before the mark: marking removes the product from the expiry index, so a crash between the
  // two must leave the event re-sendable by the next sweep rather than lost (consumers dedup the repeat).
  await deps.publisher.publish([{ detailType: 'CertificationExpired', detail }]);
  const result = await deps.ledger.markExpired(detail);
  return result.outcome === 'stale' ? 'unchanged' : 'expired';
}
