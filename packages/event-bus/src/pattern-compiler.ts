import { comparableOrUndefined } from './comparable-number.js';
import { parseIpAddress } from './ip-address.js';
import { compileMatchExpression } from './match-expression.js';
import {
  type CompiledValue,
  type FieldCondition,
  fail,
  isPlainObject,
  type PatternBranch,
  type ValueTest,
} from './pattern-types.js';

const OR_KEYWORD = '$or';

/** Field names event-ruler refuses inside `$or` alternatives, since they read as operators there. */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  'html',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

type MutableBranch = Map<string, FieldCondition>;

/**
 * Expands a parsed pattern into branches (the disjunctive form of its `$or`s), keyed by dot-joined field
 * names as event-ruler compiles them. A field given twice in one branch keeps its last occurrence.
 */
export function compileBranches(pattern: unknown): readonly PatternBranch[] {
  if (!isPlainObject(pattern)) {
    fail('Filter is not an object');
  }
  return compileObject(pattern, [], [], false);
}

function compileObject(
  node: Record<string, unknown>,
  prefix: readonly string[],
  incoming: MutableBranch[],
  insideOr: boolean,
): MutableBranch[] {
  const keys = Object.keys(node);
  if (keys.length === 0) {
    fail(describe('Empty objects are not allowed', prefix));
  }
  let branches = incoming;
  for (const key of keys) {
    const value = node[key];
    if (key === OR_KEYWORD) {
      branches = compileOr(value, prefix, branches);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      fail(describe(`${key} is a reserved keyword which cannot be used as a field name inside $or.`, prefix));
    }
    const path = [...prefix, key];
    if (Array.isArray(value)) {
      const condition = compileValueList(value, path);
      branches = branches.length === 0 ? [new Map()] : branches;
      for (const branch of branches) {
        branch.set(condition.path, condition);
      }
    } else if (isPlainObject(value)) {
      branches = compileObject(value, path, branches, insideOr);
    } else {
      fail(describe(`"${key}" must be an object or an array`, prefix));
    }
  }
  return branches;
}

function compileOr(value: unknown, prefix: readonly string[], current: MutableBranch[]): MutableBranch[] {
  if (!Array.isArray(value)) {
    fail(describe('It must be an Array followed with $or.', prefix));
  }
  const result: MutableBranch[] = [];
  for (const alternative of value) {
    if (!isPlainObject(alternative)) {
      fail(describe('Only JSON object is allowed in array of $or relationship.', prefix));
    }
    const copies = current.length === 0 ? [new Map()] : current.map((branch) => new Map(branch));
    result.push(...compileObject(alternative, prefix, copies, true));
  }
  if (value.length < 2) {
    fail(describe('There must have at least 2 Objects in $or relationship.', prefix));
  }
  return result;
}

function compileValueList(values: readonly unknown[], pathSteps: readonly string[]): FieldCondition {
  const path = pathSteps.join('.');
  if (values.length === 0) {
    fail(describe('Empty arrays are not allowed', pathSteps));
  }
  const compiled = values.map((value) => compileValue(value, pathSteps));
  const tests: ValueTest[] = [];
  for (const entry of compiled) {
    if (entry.kind === 'test') {
      tests.push(entry.test);
    }
  }
  return { path, tests, allowsAbsence: compiled.some((entry) => entry.kind === 'absent') };
}

function compileValue(value: unknown, pathSteps: readonly string[]): CompiledValue {
  try {
    if (isPlainObject(value)) {
      return compileMatchExpression(value);
    }
    if (typeof value === 'string') {
      return { kind: 'test', test: exactString(value) };
    }
    if (typeof value === 'number') {
      return { kind: 'test', test: exactNumber(value) };
    }
    if (typeof value === 'boolean' || value === null) {
      return { kind: 'test', test: (candidate) => candidate === value };
    }
    return fail('Match value must be String, number, true, false, or null');
  } catch (error) {
    if (error instanceof Error && error.name === 'PatternSyntaxError') {
      fail(describe(error.message, pathSteps));
    }
    throw error;
  }
}

/** An exact string that is an IP literal also matches other spellings of the same address (event-ruler). */
function exactString(expected: string): ValueTest {
  const address = parseIpAddress(expected);
  if (address === undefined) {
    return (candidate) => candidate === expected;
  }
  const key = address.join('.');
  return (candidate) =>
    typeof candidate === 'string' && (candidate === expected || parseIpAddress(candidate)?.join('.') === key);
}

/**
 * Numbers match by value within event-ruler's comparable range (so 5, 5.0 and 5e0 are equal); outside it,
 * EventBridge compares the JSON text, which this stand-in approximates by comparing the parsed doubles.
 */
function exactNumber(expected: number): ValueTest {
  const comparable = comparableOrUndefined(expected);
  return (candidate) =>
    typeof candidate === 'number' &&
    (candidate === expected || (comparable !== undefined && comparableOrUndefined(candidate) === comparable));
}

function describe(reason: string, pathSteps: readonly string[]): string {
  return pathSteps.length === 0 || reason.includes(' (at ')
    ? reason
    : `${reason} (at ${pathSteps.join('.')})`;
}
