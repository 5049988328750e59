import type { Certificate } from '../schemas/product.js';
import { daysBetween } from './calendar.js';

export const certificateStatuses = ['active', 'expiring', 'expired', 'revoked'] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];

/** Producers are told 60 and 30 days ahead; from 60 days out a certificate counts as expiring. */
export const EXPIRY_NOTICE_DAYS = [60, 30] as const;

/** The status a certificate has on a given day (Asia/Ho_Chi_Minh date). A revocation is final. */
export function certificateStatus(
  certificate: Pick<Certificate, 'expiresOn'>,
  today: string,
  revoked = false,
): CertificateStatus {
  if (revoked) return 'revoked';
  const daysLeft = daysBetween(today, certificate.expiresOn);
  // A certificate is valid up to and including its expiry date.
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= EXPIRY_NOTICE_DAYS[0]) return 'expiring';
  return 'active';
}

/** Certified products may be sold while their certificate is active or about to expire. */
export function isCertified(status: CertificateStatus): boolean {
  return status === 'active' || status === 'expiring';
}
