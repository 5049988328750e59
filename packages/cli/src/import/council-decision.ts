import { type CertifiedRow, toCertifiedRow } from './council-rows.js';
import type { Sheet } from './read-sheet.js';
import { type RowIssue, rowIssue } from './row-issues.js';

export interface CheckedDecision {
  valid: CertifiedRow[];
  /** Every problem of every row, in row order: the operator fixes the sheet once, not row by row. */
  issues: RowIssue[];
  /** Rows with at least one issue. */
  invalidRows: number;
}

/** Validates every row of the sheet; a product that appears twice in one decision is reported on its second row. */
export function checkCouncilDecision(sheet: Sheet): CheckedDecision {
  const valid: CertifiedRow[] = [];
  const issues: RowIssue[] = [...sheet.headerIssues];
  const firstRowOf = new Map<string, number>();
  let invalidRows = 0;
  for (const row of sheet.rows) {
    const outcome = toCertifiedRow(row);
    if (!outcome.ok) {
      invalidRows += 1;
      issues.push(...outcome.issues);
      continue;
    }
    const { productId } = outcome.row.detail.product;
    const first = firstRowOf.get(productId);
    if (first !== undefined) {
      invalidRows += 1;
      issues.push(
        rowIssue(row.rowNumber, 'productName', row.cells.productName, `appears again in row ${first}`),
      );
      continue;
    }
    firstRowOf.set(productId, row.rowNumber);
    valid.push(outcome.row);
  }
  return { valid, issues, invalidRows };
}
