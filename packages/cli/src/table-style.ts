import type { TableConstructorOptions } from 'cli-table3';

/** One look for every table: no rule between rows, headers unstyled (they are read in pipes and logs too). */
export const compactTable: TableConstructorOptions = {
  style: { head: [], border: [] },
  chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
};
