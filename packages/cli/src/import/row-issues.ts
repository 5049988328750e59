import type { ValidationIssue } from '@ocop-sync/domain';
import type { Cell } from './cell-values.js';
import { type ColumnKey, columnKeys, columnLabel } from './columns.js';
import { vietnameseRule } from './rule-messages.js';

/** One broken rule of one row, in the operator's terms: row, column, value, rule in both languages. */
export interface RowIssue {
  rowNumber: number;
  /** Undefined when the rule concerns the whole row. */
  column: ColumnKey | undefined;
  value: string | undefined;
  ruleVi: string | undefined;
  ruleEn: string;
}

/** Where each field of the ProductCertified detail comes from in the sheet. */
const columnOfPath: ReadonlyArray<readonly [string, ColumnKey]> = [
  ['detail.product.producer.producerId', 'producerId'],
  ['detail.product.producer.name', 'producerName'],
  ['detail.product.producer.type', 'producerType'],
  ['detail.product.area.province', 'province'],
  ['detail.product.area.district', 'district'],
  ['detail.product.productId', 'productName'],
  ['detail.product.name', 'productName'],
  ['detail.product.description', 'description'],
  ['detail.product.group', 'group'],
  ['detail.product.priceVnd', 'price'],
  ['detail.product.weightGrams', 'weightGrams'],
  ['detail.product.packageSize', 'packageSize'],
  ['detail.product.images', 'images'],
  ['detail.certificate.decisionNumber', 'decisionNumber'],
  ['detail.certificate.issuedOn', 'decisionDate'],
  ['detail.certificate.expiresOn', 'decisionDate'],
  ['detail.certificate.stars', 'stars'],
  ['detail.certificate.fiveStarCandidate', 'fiveStarCandidate'],
  ['detail.certificate.issuer', 'issuer'],
  ['detail.occurredAt', 'decisionDate'],
  ['detail.eventId', 'decisionNumber'],
];

export function columnForPath(path: string): ColumnKey | undefined {
  return columnOfPath.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))?.[1];
}

export function rowIssue(
  rowNumber: number,
  column: ColumnKey | undefined,
  value: Cell,
  ruleEn: string,
): RowIssue {
  const shown = value === null || value === undefined || value === '' ? undefined : String(value);
  return { rowNumber, column, value: shown, ruleVi: vietnameseRule(ruleEn), ruleEn };
}

/**
 * The catalogue's issues as row issues, in column order. A missing cell can surface twice (the derived ids
 * and the field itself both need it); one report per column and rule is enough.
 */
export function toRowIssues(
  rowNumber: number,
  issues: readonly ValidationIssue[],
  cells: Partial<Record<ColumnKey, Cell>>,
): RowIssue[] {
  const seen = new Set<string>();
  const result: RowIssue[] = [];
  for (const issue of issues) {
    const column = columnForPath(issue.path);
    const value = column ? cells[column] : undefined;
    // A schema's own message wins over "is required" in zod; for an empty cell, "required" is the rule broken.
    const message = column !== undefined && isBlank(value) ? 'is required' : issue.message;
    const key = `${column ?? issue.path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(rowIssue(rowNumber, column, value, message));
  }
  // In the sheet's column order, as the operator reads the row.
  const order = (issue: RowIssue) => (issue.column === undefined ? -1 : columnKeys.indexOf(issue.column));
  return result.sort((left, right) => order(left) - order(right));
}

function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** `Dòng/Row 7, cột/column "Số sao / Stars" ("6"): phải là 3, 4 hoặc 5 / must be 3, 4 or 5`. */
export function formatRowIssue(issue: RowIssue): string {
  const where = issue.column === undefined ? '' : `, cột/column "${columnLabel(issue.column)}"`;
  const value = issue.value === undefined ? '' : ` ("${issue.value}")`;
  const rule = issue.ruleVi === undefined ? issue.ruleEn : `${issue.ruleVi} / ${issue.ruleEn}`;
  return `Dòng/Row ${issue.rowNumber}${where}${value}: ${rule}`;
}
