import { NUMERIC_DECIMAL_PLACES, NUMERIC_LIMIT } from './constants.js';

/**
 * A number as event-ruler compares it: an integer count of millionths. Scaling the shortest decimal form
 * makes 5, 5.0 and 5e0 the same value and keeps 0.1 + 0.2 away from binary rounding surprises.
 */
export type ComparableNumberResult = { ok: true; value: bigint } | { ok: false; reason: string };

const DECIMAL_FORM = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;
const SCALED_LIMIT = BigInt(NUMERIC_LIMIT) * 10n ** BigInt(NUMERIC_DECIMAL_PLACES);

/** Converts a JSON number to its comparable form, or explains why EventBridge cannot compare it numerically. */
export function toComparableNumber(value: number): ComparableNumberResult {
  const match = Number.isFinite(value) ? DECIMAL_FORM.exec(String(value)) : null;
  if (match === null) {
    return { ok: false, reason: `Value ${value} is not a finite number` };
  }
  const [, sign = '', integerDigits = '0', fractionDigits = '', exponent = '0'] = match;
  let digits = integerDigits + fractionDigits;
  let scale = fractionDigits.length - Number(exponent);
  while (scale > 0 && digits.length > 1 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale -= 1;
  }
  if (scale > NUMERIC_DECIMAL_PLACES) {
    return {
      ok: false,
      reason: `Only values up to ${NUMERIC_DECIMAL_PLACES} decimals are supported: ${value}`,
    };
  }
  const magnitude = BigInt(digits) * 10n ** BigInt(NUMERIC_DECIMAL_PLACES - scale);
  if (magnitude > SCALED_LIMIT) {
    return { ok: false, reason: `Value must be between -${NUMERIC_LIMIT} and ${NUMERIC_LIMIT}, inclusive` };
  }
  return { ok: true, value: sign === '-' ? -magnitude : magnitude };
}

/** The comparable form of an event value, or `undefined` when only an exact comparison is possible. */
export function comparableOrUndefined(value: number): bigint | undefined {
  const result = toComparableNumber(value);
  return result.ok ? result.value : undefined;
}
