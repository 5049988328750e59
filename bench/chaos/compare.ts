import type { Snapshot } from './snapshot.js';

export interface Difference {
  readonly key: string;
  readonly reference: string | undefined;
  readonly actual: string | undefined;
}

/**
 * Every key whose value differs between the reference and the run, leaving out the keys `excused(key)`
 * accepts (intended rejections, checked separately).
 */
export function compareSnapshots(
  reference: Snapshot,
  actual: Snapshot,
  excused: (key: string) => boolean = () => false,
): Difference[] {
  const keys = new Set([...reference.keys(), ...actual.keys()]);
  const differences: Difference[] = [];
  for (const key of [...keys].sort()) {
    if (excused(key)) continue;
    const expected = reference.get(key);
    const got = actual.get(key);
    if (expected !== got) differences.push({ key, reference: expected, actual: got });
  }
  return differences;
}
