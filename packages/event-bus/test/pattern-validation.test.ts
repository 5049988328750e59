import { describe, expect, it } from 'vitest';
import { compileEventPattern, InvalidEventPatternError, validateEventPattern } from '../src/index.js';

describe('event pattern validation', () => {
  it.each([
    ['a minimal exact pattern', { source: ['ocop.registry'] }],
    ['a pattern given as JSON text', '{"detail":{"stars":[{"numeric":[">",0,"<=",5]}]}}'],
    [
      'every operator together',
      {
        detail: {
          a: [{ prefix: 'x' }, { suffix: 'y' }, { 'equals-ignore-case': 'z' }, { wildcard: 'a*b' }],
          b: [{ 'anything-but': { prefix: 'p' } }, { 'anything-but': [1, 2] }, { exists: false }],
          c: [{ cidr: '10.0.0.0/8' }, { numeric: ['=', 1] }, null, true, 3, 'text'],
        },
      },
    ],
    ['an $or of two alternatives', { $or: [{ a: ['1'] }, { b: ['2'] }] }],
    ['an empty prefix', { a: [{ prefix: '' }] }],
    ['the numeric limits themselves', { a: [{ numeric: ['>=', -5e9, '<=', 5e9] }] }],
  ])('accepts %s', (_name, pattern) => {
    expect(validateEventPattern(pattern)).toEqual({ ok: true });
  });

  it.each([
    ['a pattern that is not an object', ['source'], 'Filter is not an object'],
    ['JSON text that is an array', '[]', 'Filter is not an object'],
    ['text that is not JSON', '{source:', 'not valid JSON'],
    ['an empty pattern', {}, 'Empty objects are not allowed'],
    ['an empty nested object', { detail: {} }, 'Empty objects are not allowed (at detail)'],
    ['an empty value list', { source: [] }, 'Empty arrays are not allowed (at source)'],
    ['a leaf that is not an array', { source: 'ocop.registry' }, '"source" must be an object or an array'],
    [
      'a nested array as a value',
      { source: [['a']] },
      'Match value must be String, number, true, false, or null',
    ],
    ['an unknown operator', { source: [{ regex: 'a.*' }] }, 'Unrecognized match type regex (at source)'],
    ['an operator object with two keys', { source: [{ prefix: 'a', suffix: 'b' }] }, 'Only one key allowed'],
    ['an empty operator object', { source: [{}] }, 'Match expression name not found'],
    ['a non-string prefix', { source: [{ prefix: 1 }] }, 'prefix match pattern must be a string'],
    [
      'an unsupported prefix option',
      { source: [{ prefix: { wildcard: 'a' } }] },
      'Unsupported prefix pattern: wildcard',
    ],
    ['a non-string suffix', { source: [{ suffix: null }] }, 'suffix match pattern must be a string'],
    ['consecutive wildcards', { source: [{ wildcard: 'a**b' }] }, 'Consecutive wildcard characters at pos 1'],
    ['an invalid wildcard escape', { source: [{ wildcard: 'a\\b' }] }, 'Invalid escape character at pos 1'],
    ['a trailing backslash in a wildcard', { source: [{ wildcard: 'ab\\' }] }, 'Invalid escape character'],
    [
      'exists with a non-boolean',
      { source: [{ exists: 'yes' }] },
      'exists match pattern must be either true or false.',
    ],
    ['numeric that is not an array', { n: [{ numeric: '>' }] }, 'Value of numeric must be an array.'],
    ['an empty numeric range', { n: [{ numeric: [] }] }, 'Invalid member in numeric match'],
    [
      'an unknown numeric operator',
      { n: [{ numeric: ['!=', 1] }] },
      'Unrecognized numeric range operator: !=',
    ],
    ['a non-numeric bound', { n: [{ numeric: ['>', '1'] }] }, 'Value of > must be numeric'],
    [
      'an upper bound given first',
      { n: [{ numeric: ['<', 5, '>', 1] }] },
      'Too many elements in numeric expression',
    ],
    ['a wrong upper operator', { n: [{ numeric: ['>', 1, '>', 5] }] }, 'Bad numeric range operator: >'],
    ['an inverted range', { n: [{ numeric: ['>', 5, '<', 1] }] }, 'Bottom must be less than top'],
    ['an empty range', { n: [{ numeric: ['>=', 5, '<', 5] }] }, 'Bottom must be less than top'],
    [
      'too many numeric terms',
      { n: [{ numeric: ['>', 1, '<', 5, 6] }] },
      'Too many terms in numeric range expression',
    ],
    [
      'a bound beyond 5e9',
      { n: [{ numeric: ['<', 6e9] }] },
      'Value must be between -5000000000 and 5000000000',
    ],
    [
      'more than six decimals',
      { n: [{ numeric: ['=', 1.0000001] }] },
      'Only values up to 6 decimals are supported',
    ],
    [
      'anything-but with null',
      { s: [{ 'anything-but': null }] },
      'must be an array or single string/number value',
    ],
    [
      'anything-but mixing strings and numbers',
      { s: [{ 'anything-but': ['a', 1] }] },
      'mixed types are not supported',
    ],
    ['anything-but with an empty list', { s: [{ 'anything-but': [] }] }, 'mixed types are not supported'],
    [
      'anything-but with booleans in its list',
      { s: [{ 'anything-but': [true] }] },
      'only strings or numbers',
    ],
    [
      'an unsupported anything-but operator',
      { s: [{ 'anything-but': { numeric: ['>', 1] } }] },
      'Unsupported anything-but pattern: numeric',
    ],
    [
      'an empty anything-but prefix',
      { s: [{ 'anything-but': { prefix: '' } }] },
      'Null prefix/suffix not allowed',
    ],
    [
      'a numeric anything-but suffix',
      { s: [{ 'anything-but': { suffix: 1 } }] },
      'anything-but suffix values must be strings',
    ],
    [
      'an invalid anything-but wildcard',
      { s: [{ 'anything-but': { wildcard: '**' } }] },
      'Consecutive wildcard',
    ],
    ['a CIDR without a mask', { ip: [{ cidr: '10.0.0.0' }] }, "Malformed CIDR, one '/' required"],
    ['a CIDR with a non-integer mask', { ip: [{ cidr: '10.0.0.0/x' }] }, 'mask bits must be an integer'],
    ['a CIDR on a host name', { ip: [{ cidr: 'example.com/24' }] }, 'Nonstandard IP address: example.com'],
    ['a CIDR with a bad octet', { ip: [{ cidr: '10.0.0.300/24' }] }, 'Invalid IP address: 10.0.0.300'],
    ['an IPv4 mask of 32 bits', { ip: [{ cidr: '10.0.0.1/32' }] }, 'IPv4 mask bits must be < 32'],
    ['an IPv6 mask of 128 bits', { ip: [{ cidr: '::1/128' }] }, 'IPv6 mask bits must be < 128'],
    ['$or that is not an array', { $or: { a: ['1'] } }, 'It must be an Array followed with $or.'],
    [
      '$or with one alternative',
      { $or: [{ a: ['1'] }] },
      'There must have at least 2 Objects in $or relationship.',
    ],
    ['$or with a non-object alternative', { $or: [{ a: ['1'] }, 'b'] }, 'Only JSON object is allowed'],
    [
      'an operator name used as a field inside $or',
      { $or: [{ numeric: [1] }, { prefix: ['a'] }] },
      'reserved keyword',
    ],
    [
      'an invalid value deep inside nested $or',
      { $or: [{ a: ['1'] }, { $or: [{ b: [] }, { c: ['2'] }] }] },
      'Empty arrays are not allowed (at b)',
    ],
    [
      'a pattern longer than 4096 characters',
      JSON.stringify({ s: ['x'.repeat(5000)] }),
      'the maximum is 4096',
    ],
  ])('rejects %s', (_name, pattern, message) => {
    const result = validateEventPattern(pattern);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });

  it('throws a typed error carrying the reason when compiling', () => {
    expect(() => compileEventPattern({ source: [] })).toThrow(InvalidEventPatternError);
    expect(() => compileEventPattern({ source: [] })).toThrow(
      'Event pattern is not valid. Reason: Empty arrays are not allowed (at source)',
    );
  });
});
