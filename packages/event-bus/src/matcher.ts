import { MAX_EVENT_PATTERN_LENGTH } from './constants.js';
import { InvalidEventPatternError } from './errors.js';
import { areConsistent, type EventLeaf, type FlattenedEvent, flattenEvent } from './event-flattener.js';
import { compileBranches } from './pattern-compiler.js';
import { type FieldCondition, type PatternBranch, PatternSyntaxError } from './pattern-types.js';

/** A validated event pattern, ready to be evaluated many times. */
export interface CompiledEventPattern {
  /** The pattern as parsed JSON. */
  readonly source: unknown;
  matches(event: unknown): boolean;
  /** Same as `matches`, for callers that flatten an event once and test many rules against it. */
  matchesFlattened(event: FlattenedEvent): boolean;
}

/**
 * Validates and compiles an EventBridge event pattern, given as JSON text or as a parsed object.
 * Throws `InvalidEventPatternError` with EventBridge's reason when the pattern would be refused.
 *
 * @example
 * const pattern = compileEventPattern({ source: ['ocop.registry'], detail: { stars: [{ numeric: ['>=', 3] }] } });
 * pattern.matches(event); // true when the event comes from the registry with 3 stars or more
 */
export function compileEventPattern(pattern: unknown): CompiledEventPattern {
  const source = parsePatternSource(pattern);
  let branches: readonly PatternBranch[];
  try {
    branches = compileBranches(source);
  } catch (error) {
    if (error instanceof PatternSyntaxError) {
      throw new InvalidEventPatternError(error.reason);
    }
    throw error;
  }
  const conditionLists = branches.map((branch) => [...branch.values()]);
  const matchesFlattened = (event: FlattenedEvent): boolean =>
    conditionLists.some((conditions) => branchMatches(conditions, event));
  return {
    source,
    matchesFlattened,
    matches: (event) => matchesFlattened(flattenEvent(event)),
  };
}

/** One-off convenience: compiles `pattern` and tests `event` against it. */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  return compileEventPattern(pattern).matches(event);
}

function parsePatternSource(pattern: unknown): unknown {
  if (typeof pattern !== 'string') {
    return pattern;
  }
  if (pattern.length > MAX_EVENT_PATTERN_LENGTH) {
    throw new InvalidEventPatternError(
      `Event pattern is ${pattern.length} characters long; the maximum is ${MAX_EVENT_PATTERN_LENGTH}`,
    );
  }
  try {
    return JSON.parse(pattern);
  } catch (error) {
    throw new InvalidEventPatternError(`Event pattern is not valid JSON: ${(error as Error).message}`);
  }
}

function branchMatches(conditions: readonly FieldCondition[], event: FlattenedEvent): boolean {
  const candidateLists: EventLeaf[][] = [];
  let needsConsistency = false;
  for (const condition of conditions) {
    const leaves = event.get(condition.path);
    if (leaves === undefined) {
      if (condition.allowsAbsence) {
        continue;
      }
      return false;
    }
    const candidates = leaves.filter((leaf) => condition.tests.some((test) => test(leaf.value)));
    if (candidates.length === 0) {
      return false;
    }
    needsConsistency ||= candidates.some((leaf) => leaf.arrays.length > 0);
    candidateLists.push(candidates);
  }
  if (!needsConsistency || candidateLists.length < 2) {
    return true;
  }
  candidateLists.sort((left, right) => left.length - right.length);
  return chooseConsistent(candidateLists, 0, []);
}

/** Backtracking search for one leaf per field such that no two come from different elements of an array. */
function chooseConsistent(lists: readonly EventLeaf[][], index: number, chosen: EventLeaf[]): boolean {
  const candidates = lists[index];
  if (candidates === undefined) {
    return true;
  }
  for (const candidate of candidates) {
    if (chosen.every((leaf) => areConsistent(leaf, candidate))) {
      chosen.push(candidate);
      if (chooseConsistent(lists, index + 1, chosen)) {
        return true;
      }
      chosen.pop();
    }
  }
  return false;
}
