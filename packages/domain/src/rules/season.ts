import type { SeasonWindow } from '../schemas/product.js';

/** Whether `month` (1-12) falls in any window; a window may wrap the new year (October to February). */
export function isInSeason(windows: readonly SeasonWindow[] | undefined, month: number): boolean {
  if (!windows || windows.length === 0) return true;
  return windows.some(({ fromMonth, toMonth }) =>
    fromMonth <= toMonth ? month >= fromMonth && month <= toMonth : month >= fromMonth || month <= toMonth,
  );
}
