import { InvalidConfigurationError } from './errors.js';

/** Refuses a number outside [min, max], or a fraction when `integer` is set. */
export function assertInRange(
  option: string,
  value: number,
  range: { min: number; max: number; integer?: boolean },
): void {
  const integerOk = range.integer !== true || Number.isInteger(value);
  if (!Number.isFinite(value) || !integerOk || value < range.min || value > range.max) {
    const kind = range.integer === true ? 'an integer' : 'a number';
    throw new InvalidConfigurationError(
      option,
      `must be ${kind} from ${range.min} to ${range.max}, got ${value}`,
    );
  }
}
