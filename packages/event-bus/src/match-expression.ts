import { compileAnythingBut } from './anything-but-expression.js';
import { isInIpRange, parseCidr, parseIpAddress } from './ip-address.js';
import { compileNumeric } from './numeric-expression.js';
import { type CompiledValue, fail, isPlainObject } from './pattern-types.js';
import {
  type CaseAnchoring,
  ignoreCaseTest,
  parseWildcard,
  type StringTest,
  wildcardTest,
} from './string-matchers.js';

/** Compiles one `{ "<operator>": ... }` object of a field's value list. */
export function compileMatchExpression(expression: Record<string, unknown>): CompiledValue {
  const keys = Object.keys(expression);
  const [operator] = keys;
  if (operator === undefined) {
    fail('Match expression name not found');
  }
  if (keys.length > 1) {
    fail('Only one key allowed in match expression');
  }
  const operand = expression[operator];
  switch (operator) {
    case 'prefix':
      return compileAffix(operand, 'prefix');
    case 'suffix':
      return compileAffix(operand, 'suffix');
    case 'equals-ignore-case':
      return stringTest(ignoreCaseTest(requireString(operand, operator), 'whole'));
    case 'wildcard': {
      const parsed = parseWildcard(requireString(operand, operator));
      return parsed.ok ? stringTest(wildcardTest(parsed.segments)) : fail(parsed.reason);
    }
    case 'numeric':
      return compileNumeric(operand);
    case 'anything-but':
      return compileAnythingBut(operand);
    case 'exists':
      return compileExists(operand);
    case 'cidr':
      return compileCidr(requireString(operand, operator));
    default:
      return fail(`Unrecognized match type ${operator}`);
  }
}

function requireString(operand: unknown, operator: string): string {
  if (typeof operand !== 'string') {
    fail(`${operator} match pattern must be a string`);
  }
  return operand;
}

/** `prefix`/`suffix` take a string, or `{ "equals-ignore-case": string }` to ignore case. */
function compileAffix(operand: unknown, operator: Exclude<CaseAnchoring, 'whole'>): CompiledValue {
  if (isPlainObject(operand)) {
    const keys = Object.keys(operand);
    const [inner] = keys;
    if (inner === undefined) {
      fail(`${operator === 'prefix' ? 'Prefix' : 'Suffix'} expression name not found`);
    }
    if (inner !== 'equals-ignore-case') {
      fail(`Unsupported ${operator} pattern: ${inner}`);
    }
    if (keys.length > 1) {
      fail('Only one key allowed in match expression');
    }
    return stringTest(ignoreCaseTest(requireString(operand[inner], inner), operator));
  }
  const affix = requireString(operand, operator);
  return stringTest(
    operator === 'prefix' ? (text) => text.startsWith(affix) : (text) => text.endsWith(affix),
  );
}

function compileExists(operand: unknown): CompiledValue {
  if (typeof operand !== 'boolean') {
    fail('exists match pattern must be either true or false.');
  }
  return operand ? { kind: 'test', test: () => true } : { kind: 'absent' };
}

function compileCidr(text: string): CompiledValue {
  const parsed = parseCidr(text);
  if (!parsed.ok) {
    fail(parsed.reason);
  }
  return stringTest((value) => {
    const address = parseIpAddress(value);
    return address !== undefined && isInIpRange(address, parsed.range);
  });
}

/** Every string operator ignores numbers, booleans and null in the event. */
export function stringTest(test: StringTest): CompiledValue {
  return { kind: 'test', test: (value) => typeof value === 'string' && test(value) };
}
