import { createHash } from 'node:crypto';
import { type EventDetail, foldToAscii, normalizeText, parseDetail } from '@ocop-sync/domain';
import {
  type Cell,
  readDate,
  readFlag,
  readGroup,
  readList,
  readPackageSize,
  readProducerType,
  readStars,
  readText,
  readWholeNumber,
} from './cell-values.js';
import type { ColumnKey } from './columns.js';
import { type RowIssue, toRowIssues } from './row-issues.js';

/** One data row of the sheet: its row number as the spreadsheet shows it, and its cells by column. */
export interface SheetRow {
  rowNumber: number;
  cells: Partial<Record<ColumnKey, Cell>>;
}

export interface CertifiedRow {
  rowNumber: number;
  detail: EventDetail<'ProductCertified'>;
}

export type RowOutcome = { ok: true; row: CertifiedRow } | { ok: false; issues: RowIssue[] };

/** Council decisions take effect in Vietnam's time zone. */
const VIETNAM_OFFSET = '+07:00';

/**
 * The product's id, from the decision number and the product name only: the same row imported twice (or
 * from an NFD-encoded copy, or with different capitalisation) gets the same id, so the ledger's
 * processed-event marker (keyed by the detail's `eventId`) makes a re-import a no-op. EventBridge's own
 * event id changes on every PutEvents and is not what anything dedupes on.
 */
export function productIdFor(decisionNumber: string, productName: string): string {
  const key = `${foldToAscii(normalizeText(decisionNumber))}|${foldToAscii(normalizeText(productName))}`;
  return `ocop-${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 20)}`;
}

/** The registry event id of a certification imported from a council decision. */
export const eventIdFor = (productId: string): string => `council-${productId}`;

/**
 * Builds the ProductCertified detail of one row and validates it with the catalogue's schema: the rules
 * are the catalogue's, never re-stated here. Cells are only translated (dates, prices, group names).
 */
export function toCertifiedRow(row: SheetRow): RowOutcome {
  const { cells } = row;
  const decisionNumber = readText(cells.decisionNumber);
  const productName = readText(cells.productName);
  const decisionDate = readDate(cells.decisionDate);
  const productId =
    decisionNumber !== undefined && productName !== undefined
      ? productIdFor(decisionNumber, productName)
      : undefined;
  const candidate = {
    eventId: productId === undefined ? undefined : eventIdFor(productId),
    occurredAt: decisionDate === undefined ? undefined : `${decisionDate}T00:00:00${VIETNAM_OFFSET}`,
    version: 1,
    product: {
      productId,
      name: productName,
      // Decisions seldom describe the product; the name stands in until the producer portal adds one.
      description: readText(cells.description) ?? productName,
      group: readGroup(cells.group),
      producer: {
        producerId: readText(cells.producerId),
        name: readText(cells.producerName),
        type: readProducerType(cells.producerType),
      },
      area: { province: readText(cells.province), district: readText(cells.district) },
      priceVnd: readWholeNumber(cells.price),
      weightGrams: readWholeNumber(cells.weightGrams),
      packageSize: readPackageSize(cells.packageSize),
      images: readList(cells.images),
    },
    certificate: {
      decisionNumber,
      issuedOn: decisionDate,
      stars: readStars(cells.stars),
      fiveStarCandidate: readFlag(cells.fiveStarCandidate),
      issuer: readText(cells.issuer),
    },
  };
  const parsed = parseDetail('ProductCertified', withoutUndefined(candidate));
  if (!parsed.ok) return { ok: false, issues: toRowIssues(row.rowNumber, parsed.issues, cells) };
  return { ok: true, row: { rowNumber: row.rowNumber, detail: parsed.value } };
}

/** Leaves out absent optional cells, so the schema sees "missing" rather than `undefined` values. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .map(([key, entry]) => [key, withoutUndefined(entry)]),
  );
}
