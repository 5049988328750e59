import { comparableOrUndefined, toComparableNumber } from './comparable-number.js';
import { NUMERIC_LIMIT } from './constants.js';
import { type CompiledValue, fail } from './pattern-types.js';

/** Compiles `{ "numeric": [...] }`: one comparison, or a lower bound (`>`/`>=`) followed by an upper one. */
export function compileNumeric(terms: unknown): CompiledValue {
  if (!Array.isArray(terms)) {
    fail('Value of numeric must be an array.');
  }
  const [operator, operand, upperOperator, upperOperand] = terms;
  if (typeof operator !== 'string') {
    fail(`Invalid member in numeric match: ${JSON.stringify(operator)}`);
  }
  switch (operator) {
    case '=': {
      const expected = comparable(requireNumber(operand, operator));
      requireLength(terms, 2, 'Too many elements in numeric expression');
      return test((value) => value === expected);
    }
    case '>':
    case '>=': {
      const bottom = requireNumber(operand, operator);
      if (terms.length === 2) {
        return range(bottom, operator === '>', NUMERIC_LIMIT, false);
      }
      if (typeof upperOperator !== 'string') {
        fail(`Bad value in numeric range: ${JSON.stringify(upperOperator)}`);
      }
      if (upperOperator !== '<' && upperOperator !== '<=') {
        fail(`Bad numeric range operator: ${upperOperator}`);
      }
      const top = requireNumber(upperOperand, upperOperator);
      requireLength(terms, 4, 'Too many terms in numeric range expression');
      return range(bottom, operator === '>', top, upperOperator === '<');
    }
    case '<':
    case '<=': {
      const top = requireNumber(operand, operator);
      requireLength(terms, 2, 'Too many elements in numeric expression');
      return range(-NUMERIC_LIMIT, false, top, operator === '<');
    }
    default:
      return fail(`Unrecognized numeric range operator: ${operator}`);
  }
}

function requireNumber(operand: unknown, operator: string): number {
  if (typeof operand !== 'number') {
    fail(`Value of ${operator} must be numeric`);
  }
  return operand;
}

function requireLength(terms: readonly unknown[], length: number, reason: string): void {
  if (terms.length !== length) {
    fail(reason);
  }
}

function comparable(value: number): bigint {
  const result = toComparableNumber(value);
  return result.ok ? result.value : fail(result.reason);
}

function range(bottom: number, openBottom: boolean, top: number, openTop: boolean): CompiledValue {
  const low = comparable(bottom);
  const high = comparable(top);
  if (low >= high) {
    fail('Bottom must be less than top');
  }
  return test((value) => {
    if (value === undefined) {
      return false;
    }
    const aboveBottom = openBottom ? value > low : value >= low;
    return aboveBottom && (openTop ? value < high : value <= high);
  });
}

/** Numeric comparisons apply only to JSON numbers that event-ruler can represent. */
function test(compare: (value: bigint | undefined) => boolean): CompiledValue {
  return {
    kind: 'test',
    test: (value) => typeof value === 'number' && compare(comparableOrUndefined(value)),
  };
}
