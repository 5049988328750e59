import { InvalidEventPatternError } from './errors.js';
import { compileEventPattern } from './matcher.js';

export type PatternValidationResult = { ok: true } | { ok: false; message: string };

/**
 * Checks an event pattern (JSON text or parsed object) the way EventBridge does when a rule is created,
 * returning the reason instead of throwing.
 *
 * @example
 * validateEventPattern({ detail: { name: [] } });
 * // { ok: false, message: 'Empty arrays are not allowed (at detail.name)' }
 */
export function validateEventPattern(pattern: unknown): PatternValidationResult {
  try {
    compileEventPattern(pattern);
    return { ok: true };
  } catch (error) {
    if (error instanceof InvalidEventPatternError) {
      return { ok: false, message: error.reason };
    }
    throw error;
  }
}
