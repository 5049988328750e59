/** Shapes shared by the pattern compiler and the matcher. */

/** A scalar found at the end of a path in an event: what event patterns compare against. */
export type LeafValue = string | number | boolean | null;

export type ValueTest = (value: LeafValue) => boolean;

/** Everything one flattened field name must satisfy within one `$or` branch. */
export interface FieldCondition {
  readonly path: string;
  /** True when the value list contains `{ "exists": false }`: a missing field satisfies the condition. */
  readonly allowsAbsence: boolean;
  readonly tests: readonly ValueTest[];
}

/** One alternative of a pattern after `$or` expansion: all its conditions must hold together. */
export type PatternBranch = ReadonlyMap<string, FieldCondition>;

/** The compiled form of a single value in a field's value list. */
export type CompiledValue = { kind: 'test'; test: ValueTest } | { kind: 'absent' };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Thrown inside the compiler; `compileEventPattern` turns it into an `InvalidEventPatternError`. */
export class PatternSyntaxError extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.name = 'PatternSyntaxError';
    this.reason = reason;
  }
}

export function fail(reason: string): never {
  throw new PatternSyntaxError(reason);
}
