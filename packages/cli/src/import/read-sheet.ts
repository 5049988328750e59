import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import type { Cell } from './cell-values.js';
import { type ColumnKey, columnFor, columnKeys, columns } from './columns.js';
import type { SheetRow } from './council-rows.js';
import { type RowIssue, rowIssue } from './row-issues.js';

export interface Sheet {
  rows: SheetRow[];
  /** Problems with the sheet itself (missing required columns), reported on row 1, the header. */
  headerIssues: RowIssue[];
}

export class UnsupportedFileError extends Error {
  constructor(readonly path: string) {
    super(`${path}: chỉ nhận tệp .csv hoặc .xlsx / only .csv and .xlsx files are read`);
    this.name = 'UnsupportedFileError';
  }
}

/** Reads a council decision from .csv (UTF-8, with or without BOM, "," or ";") or .xlsx (first sheet). */
export async function readCouncilSheet(path: string): Promise<Sheet> {
  const extension = extname(path).toLowerCase();
  if (extension === '.xlsx') return toSheet((await readSheet(path)).map((row) => row.map(toCell)));
  if (extension === '.csv') return toSheet(parseCsv(await readFile(path, 'utf8')));
  throw new UnsupportedFileError(path);
}

/** Excel in a Vietnamese locale saves CSV with ";" (the decimal comma takes ","): pick what the header uses. */
export function parseCsv(text: string): Cell[][] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false }) as Cell[][];
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/**
 * Row 1 is the header; data rows keep the row number the spreadsheet shows. Rows with no value in any
 * cell (Excel's trailing formatted rows, a CSV's final blank lines) are skipped silently.
 */
export function toSheet(data: readonly (readonly Cell[])[]): Sheet {
  const [header = [], ...body] = data;
  const positions = new Map<ColumnKey, number>();
  header.forEach((title, index) => {
    const key = typeof title === 'string' ? columnFor(title) : undefined;
    if (key !== undefined && !positions.has(key)) positions.set(key, index);
  });
  const headerIssues = columnKeys
    .filter((key) => columns[key].required && !positions.has(key))
    .map((key) => rowIssue(1, key, undefined, 'column is missing'));
  const rows: SheetRow[] = [];
  body.forEach((cells, index) => {
    if (cells.every(isBlank)) return;
    const row: SheetRow = { rowNumber: index + 2, cells: {} };
    for (const [key, position] of positions) row.cells[key] = cells[position];
    rows.push(row);
  });
  return { rows, headerIssues };
}

/** read-excel-file's typings describe date cells loosely; narrow each cell to what it really holds. */
function toCell(value: unknown): Cell {
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number') return value;
  return typeof value === 'boolean' ? value : undefined;
}

function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}
