import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesEventPattern, validateEventPattern } from '../src/index.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const vietnameseText = fc.constantFrom(
  'Mật ong',
  'Cà phê Buôn Ma Thuột',
  'Nước mắm Phú Quốc',
  'Đặc sản',
  'ạ',
  '',
);
const scalar = fc.oneof(
  vietnameseText,
  fc.string(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/).filter((name) => name !== '$or');
const eventDetail: fc.Arbitrary<{ [key: string]: Json }> = fc.dictionary(
  key,
  fc.oneof(
    scalar,
    fc.array(scalar, { minLength: 1, maxLength: 3 }),
    fc.dictionary(key, scalar, { minKeys: 1 }),
  ),
  { minKeys: 1, maxKeys: 5 },
);

/** A pattern that names every leaf of `node` with its own value: it must match the event it came from. */
function patternFrom(node: { [key: string]: Json }): Record<string, unknown> {
  const pattern: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node)) {
    if (Array.isArray(value)) {
      pattern[name] = value;
    } else if (value !== null && typeof value === 'object') {
      pattern[name] = patternFrom(value);
    } else {
      pattern[name] = [value];
    }
  }
  return pattern;
}

describe('event pattern matcher (properties)', () => {
  it('matches an event with a pattern built from the event’s own values', () => {
    fc.assert(
      fc.property(eventDetail, (detail) => {
        const event = { source: 'ocop.registry', detail };
        const pattern = { source: ['ocop.registry'], detail: patternFrom(detail) };
        expect(validateEventPattern(pattern)).toEqual({ ok: true });
        expect(matchesEventPattern(pattern, event)).toBe(true);
      }),
    );
  });

  it('matches a field with anything-but exactly when an exact match on the same value would not', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (value, excluded) => {
        const event = { s: value };
        expect(matchesEventPattern({ s: [{ 'anything-but': excluded }] }, event)).toBe(
          !matchesEventPattern({ s: [excluded] }, event),
        );
      }),
    );
  });

  it('treats a prefix as a wildcard ending with a star', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (value, prefix) => {
        const escaped = prefix.replaceAll('\\', '\\\\').replaceAll('*', '\\*');
        const event = { s: value };
        expect(matchesEventPattern({ s: [{ wildcard: `${escaped}*` }] }, event)).toBe(
          matchesEventPattern({ s: [{ prefix }] }, event),
        );
      }),
    );
  });

  it('matches an NFD spelling with an NFC pattern only when both are the same code units', () => {
    fc.assert(
      fc.property(vietnameseText, (text) => {
        const nfd = text.normalize('NFD');
        expect(matchesEventPattern({ s: [text.normalize('NFC')] }, { s: nfd })).toBe(
          nfd === text.normalize('NFC'),
        );
      }),
    );
  });

  it('matches a number with any spelling of it within six decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5_000_000, max: 5_000_000 }),
        fc.integer({ min: 0, max: 6 }),
        (units, places) => {
          const value = units / 10 ** places;
          const respelled = Number(value.toExponential());
          expect(matchesEventPattern({ n: [{ numeric: ['=', value] }] }, { n: respelled })).toBe(true);
          expect(matchesEventPattern({ n: [value] }, { n: respelled })).toBe(true);
        },
      ),
    );
  });
});
