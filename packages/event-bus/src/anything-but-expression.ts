import { comparableOrUndefined, toComparableNumber } from './comparable-number.js';
import { type CompiledValue, fail, isPlainObject } from './pattern-types.js';
import { ignoreCaseTest, parseWildcard, type StringTest, wildcardTest } from './string-matchers.js';

const STRING_OPERATORS = ['equals-ignore-case', 'prefix', 'suffix', 'wildcard'] as const;
type AnythingButStringOperator = (typeof STRING_OPERATORS)[number];

/**
 * Compiles `{ "anything-but": ... }`. As in event-ruler, it needs the field to be present and only excludes
 * values of the excluded kind: string exclusions never exclude numbers, booleans or null, and numeric
 * exclusions never exclude strings.
 */
export function compileAnythingBut(operand: unknown): CompiledValue {
  if (isPlainObject(operand)) {
    return compileStringOperator(operand);
  }
  const values = Array.isArray(operand) ? operand : [operand];
  if (!Array.isArray(operand) && typeof operand !== 'string' && typeof operand !== 'number') {
    fail('Value of anything-but must be an array or single string/number value.');
  }
  if (values.some((value) => typeof value !== 'string' && typeof value !== 'number')) {
    fail(
      'Inside anything-but list, only strings or numbers are allowed (no objects, arrays, null or booleans).',
    );
  }
  const strings = values.filter((value): value is string => typeof value === 'string');
  const numbers = values.filter((value): value is number => typeof value === 'number');
  if (strings.length > 0 === numbers.length > 0) {
    fail(
      'Inside anything-but list, either all values are numbers or all are strings; mixed types are not supported',
    );
  }
  if (strings.length > 0) {
    const excluded = new Set(strings);
    return { kind: 'test', test: (value) => typeof value !== 'string' || !excluded.has(value) };
  }
  const excluded = new Set(numbers.map(requireComparable));
  return {
    kind: 'test',
    test: (value) => {
      if (typeof value !== 'number') {
        return true;
      }
      const comparable = comparableOrUndefined(value);
      return comparable === undefined || !excluded.has(comparable);
    },
  };
}

function requireComparable(value: number): bigint {
  const result = toComparableNumber(value);
  return result.ok ? result.value : fail(result.reason);
}

function compileStringOperator(operand: Record<string, unknown>): CompiledValue {
  const keys = Object.keys(operand);
  const [operator] = keys;
  if (operator === undefined) {
    fail('Anything-But expression name not found');
  }
  if (keys.length > 1) {
    fail('Only one key allowed in match expression');
  }
  if (!isStringOperator(operator)) {
    fail(`Unsupported anything-but pattern: ${operator}`);
  }
  const raw = operand[operator];
  if (!Array.isArray(raw) && typeof raw !== 'string' && typeof raw !== 'number') {
    fail('Value of anything-but must be an array or single string/number value.');
  }
  const values = Array.isArray(raw) ? raw : [raw];
  const tests = values.map((value) => excludedStringTest(operator, value));
  return { kind: 'test', test: (value) => typeof value !== 'string' || !tests.some((test) => test(value)) };
}

function isStringOperator(operator: string): operator is AnythingButStringOperator {
  return (STRING_OPERATORS as readonly string[]).includes(operator);
}

function excludedStringTest(operator: AnythingButStringOperator, value: unknown): StringTest {
  if (typeof value !== 'string') {
    fail(`anything-but ${operator} values must be strings`);
  }
  switch (operator) {
    case 'equals-ignore-case':
      return ignoreCaseTest(value, 'whole');
    case 'prefix':
    case 'suffix':
      if (value === '') {
        fail('Null prefix/suffix not allowed');
      }
      return operator === 'prefix' ? (text) => text.startsWith(value) : (text) => text.endsWith(value);
    case 'wildcard': {
      const parsed = parseWildcard(value);
      return parsed.ok ? wildcardTest(parsed.segments) : fail(parsed.reason);
    }
  }
}
