/**
 * String comparisons of the pattern language. Every comparison works on exact code units: EventBridge does
 * not normalise Unicode, so the NFC and NFD spellings of "Mật ong" are different strings.
 */

export type StringTest = (value: string) => boolean;

export type WildcardParseResult = { ok: true; segments: readonly string[] } | { ok: false; reason: string };

/**
 * Splits a wildcard expression into the literal text between its `*`s. `\*` is a literal asterisk, `\\` a
 * literal backslash; any other escape and two consecutive `*` are refused (event-ruler's WildcardParser).
 */
export function parseWildcard(expression: string): WildcardParseResult {
  const segments: string[] = [];
  let current = '';
  for (let index = 0; index < expression.length; index += 1) {
    const character = expression[index];
    if (character === '*') {
      if (expression[index + 1] === '*') {
        return {
          ok: false,
          reason: `Consecutive wildcard characters at pos ${bytePosition(expression, index)}`,
        };
      }
      segments.push(current);
      current = '';
    } else if (character === '\\') {
      const next = expression[index + 1];
      if (next !== '*' && next !== '\\') {
        return { ok: false, reason: `Invalid escape character at pos ${bytePosition(expression, index)}` };
      }
      current += next;
      index += 1;
    } else {
      current += character;
    }
  }
  segments.push(current);
  return { ok: true, segments };
}

function bytePosition(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

/** A matcher for parsed wildcard segments: the first anchors the start, the last the end, the rest float. */
export function wildcardTest(segments: readonly string[]): StringTest {
  const first = segments[0] ?? '';
  if (segments.length === 1) {
    return (value) => value === first;
  }
  const last = segments[segments.length - 1] ?? '';
  const middle = segments.slice(1, -1);
  return (value) => {
    if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) {
      return false;
    }
    let cursor = first.length;
    const end = value.length - last.length;
    for (const segment of middle) {
      const found = value.indexOf(segment, cursor);
      if (found === -1 || found + segment.length > end) {
        return false;
      }
      cursor = found + segment.length;
    }
    return true;
  };
}

export type CaseAnchoring = 'whole' | 'prefix' | 'suffix';

/**
 * Case-insensitive comparison the way event-ruler builds it: each UTF-16 unit of the pattern accepts its
 * root-locale lower-case or upper-case form (so "Đ" accepts "đ", and "ß" accepts "ß" or "SS").
 */
export function ignoreCaseTest(pattern: string, anchoring: CaseAnchoring): StringTest {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const unit = pattern.charAt(index);
    const forms = new Set([unit.toLowerCase(), unit.toUpperCase()]);
    source += `(?:${[...forms].map(escapeRegExp).join('|')})`;
  }
  const anchored =
    anchoring === 'whole' ? `^${source}$` : anchoring === 'prefix' ? `^${source}` : `${source}$`;
  const expression = new RegExp(anchored);
  return (value) => expression.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, (character) => `\\${character}`);
}
