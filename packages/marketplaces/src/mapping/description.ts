import type { Certificate, ProductDetails } from '@ocop-sync/domain';
import { normalizeText, truncateText } from '@ocop-sync/domain';

/** `2024-11-14` → `14/11/2024`, the way Vietnamese buyers read dates. */
function vietnameseDate(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return `${day}/${month}/${year}`;
}

/** The OCOP block every listing carries: stars, the decision that granted them, and where to trace the product. */
export function ocopBlock(product: ProductDetails, certificate: Certificate): string {
  const issuer = certificate.issuer === undefined ? '' : ` của ${certificate.issuer}`;
  const lines = [
    `Sản phẩm OCOP ${certificate.stars} sao (${'★'.repeat(certificate.stars)}).`,
    `Quyết định công nhận số ${certificate.decisionNumber} ngày ${vietnameseDate(certificate.issuedOn)}${issuer}, hiệu lực đến ${vietnameseDate(certificate.expiresOn)}.`,
    `Chủ thể: ${product.producer.name} – ${product.area.district}, ${product.area.province}.`,
  ];
  if (product.traceabilityUrl !== undefined) lines.push(`Truy xuất nguồn gốc: ${product.traceabilityUrl}`);
  return lines.join('\n');
}

/**
 * The product's own description followed by the OCOP block. When the whole is too long for the
 * marketplace, the product's text is cut (at a grapheme boundary) and the OCOP block kept whole.
 * Returns undefined when even the OCOP block alone does not fit.
 */
export function composeDescription(
  product: ProductDetails,
  certificate: Certificate,
  max: number,
): string | undefined {
  const block = ocopBlock(product, certificate);
  const separator = '\n\n';
  const room = max - block.length - separator.length;
  if (room < 0) return block.length <= max ? block : undefined;
  const own = truncateText(normalizeText(product.description), room, 'characters');
  return own === '' ? block : `${own}${separator}${block}`;
}
