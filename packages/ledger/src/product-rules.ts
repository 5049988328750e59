import type { EventDetail } from '@ocop-sync/domain';
import type { ProductRecord } from './records.js';
import type { ExpiryNoticeInput } from './types.js';

/** The registry events that change a product, plus the sweep's two marks (which carry no registry version). */
export type ProductEvent =
  | { type: 'ProductCertified'; detail: EventDetail<'ProductCertified'> }
  | { type: 'CertificationRenewed'; detail: EventDetail<'CertificationRenewed'> }
  | { type: 'StarRatingChanged'; detail: EventDetail<'StarRatingChanged'> }
  | { type: 'CertificationRevoked'; detail: EventDetail<'CertificationRevoked'> }
  | { type: 'ProductDetailsUpdated'; detail: EventDetail<'ProductDetailsUpdated'> }
  | { type: 'CertificationExpired'; detail: EventDetail<'CertificationExpired'> }
  | { type: 'ExpiryNotice'; detail: ExpiryNoticeInput };

export type ProductDecision =
  | { kind: 'applied'; next: ProductRecord }
  | { kind: 'stale' }
  | { kind: 'duplicate' }
  | { kind: 'unknown-product' };

type CertificateFacet = Pick<ProductRecord, 'certificate' | 'status' | 'revocation' | 'expiryNotices'>;

/**
 * Decides what a product event does to the stored product. A product has two independently versioned
 * facets: details (ProductCertified, ProductDetailsUpdated) and certificate (certification events). Each
 * event changes only the facets it is newer for, so any arrival order ends in the newest state of both;
 * an event newer for no facet is stale. `version` is the ledger's revision: +1 on every applied change.
 */
export function decideProductChange(
  current: ProductRecord | undefined,
  event: ProductEvent,
  now: string,
): ProductDecision {
  if (event.type === 'ProductCertified') return certify(current, event.detail, now);
  if (current === undefined) return { kind: 'unknown-product' };
  switch (event.type) {
    case 'ProductDetailsUpdated':
      if (event.detail.version <= current.detailsVersion) return { kind: 'stale' };
      return applied(current, { details: event.detail.product, detailsVersion: event.detail.version }, now);
    case 'CertificationExpired':
      return markExpired(current, event.detail, now);
    case 'ExpiryNotice':
      return noteExpiry(current, event.detail, now);
    default: {
      if (event.detail.version <= current.certificateVersion) return { kind: 'stale' };
      const facet = certificateFacet(current, event);
      return applied(current, { ...facet, certificateVersion: event.detail.version }, now);
    }
  }
}

function certify(
  current: ProductRecord | undefined,
  detail: EventDetail<'ProductCertified'>,
  now: string,
): ProductDecision {
  const facet: CertificateFacet = {
    certificate: detail.certificate,
    status: 'active',
    revocation: undefined,
    expiryNotices: [],
  };
  if (current === undefined) {
    const next: ProductRecord = {
      productId: detail.product.productId,
      producerId: detail.product.producer.producerId,
      details: detail.product,
      detailsVersion: detail.version,
      ...facet,
      certificateVersion: detail.version,
      version: 1,
      updatedAt: now,
    };
    return { kind: 'applied', next };
  }
  const detailsNewer = detail.version > current.detailsVersion;
  const certificateNewer = detail.version > current.certificateVersion;
  if (!detailsNewer && !certificateNewer) return { kind: 'stale' };
  return applied(
    current,
    {
      ...(detailsNewer ? { details: detail.product, detailsVersion: detail.version } : {}),
      ...(certificateNewer ? { ...facet, certificateVersion: detail.version } : {}),
    },
    now,
  );
}

function certificateFacet(
  current: ProductRecord,
  event: Extract<
    ProductEvent,
    { type: 'CertificationRenewed' | 'StarRatingChanged' | 'CertificationRevoked' }
  >,
): CertificateFacet {
  switch (event.type) {
    case 'CertificationRenewed':
      return {
        certificate: event.detail.certificate,
        status: 'active',
        revocation: undefined,
        expiryNotices: [],
      };
    case 'StarRatingChanged': {
      const { stars } = event.detail;
      const fiveStarCandidate = stars === 4 ? current.certificate.fiveStarCandidate : undefined;
      return { ...current, certificate: { ...current.certificate, stars, fiveStarCandidate } };
    }
    case 'CertificationRevoked': {
      const { decisionNumber, revokedOn, reason } = event.detail;
      return { ...current, status: 'revoked', revocation: { decisionNumber, revokedOn, reason } };
    }
  }
}

// The sweep's marks are conditional on the certificate they were computed from: a renewal that lands first
// makes them stale, so a late sweep can never expire a freshly renewed certificate.
function markExpired(current: ProductRecord, detail: EventDetail<'CertificationExpired'>, now: string) {
  const sameCertificate =
    current.certificate.expiresOn === detail.expiredOn &&
    current.certificate.decisionNumber === detail.decisionNumber;
  if (!sameCertificate || current.status === 'revoked') return { kind: 'stale' } as const;
  if (current.status === 'expired') return { kind: 'duplicate' } as const;
  return applied(current, { status: 'expired' }, now);
}

function noteExpiry(current: ProductRecord, notice: ExpiryNoticeInput, now: string): ProductDecision {
  const live = current.status === 'active' || current.status === 'expiring';
  if (!live || current.certificate.expiresOn !== notice.expiresOn) return { kind: 'stale' };
  if (current.expiryNotices.includes(notice.noticeDays)) return { kind: 'duplicate' };
  return applied(
    current,
    { status: 'expiring', expiryNotices: [...current.expiryNotices, notice.noticeDays] },
    now,
  );
}

function applied(current: ProductRecord, change: Partial<ProductRecord>, now: string): ProductDecision {
  const next = { ...current, ...change, version: current.version + 1, updatedAt: now };
  return { kind: 'applied', next: { ...next, producerId: next.details.producer.producerId } };
}
