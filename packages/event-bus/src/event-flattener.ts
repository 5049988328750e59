import { isPlainObject, type LeafValue } from './pattern-types.js';

/**
 * A scalar of the event with the arrays it sits in: `arrays` holds pairs of (array id, element index), so the
 * matcher can refuse to combine fields taken from different elements of the same array (event-ruler's
 * "array-consistent" matching in `rulesForJSONEvent`).
 */
export interface EventLeaf {
  readonly value: LeafValue;
  readonly arrays: readonly number[];
}

/** Leaves of an event by dot-joined field name. Empty arrays and empty objects contribute nothing. */
export type FlattenedEvent = ReadonlyMap<string, readonly EventLeaf[]>;

export function flattenEvent(event: unknown): FlattenedEvent {
  const leaves = new Map<string, EventLeaf[]>();
  let nextArrayId = 0;

  const visit = (value: unknown, path: string, arrays: readonly number[]): void => {
    if (Array.isArray(value)) {
      const arrayId = nextArrayId;
      nextArrayId += 1;
      value.forEach((element, index) => {
        visit(element, path, [...arrays, arrayId, index]);
      });
    } else if (isPlainObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        visit(child, path === '' ? key : `${path}.${key}`, arrays);
      }
    } else if (isLeafValue(value) && path !== '') {
      const existing = leaves.get(path);
      if (existing === undefined) {
        leaves.set(path, [{ value, arrays }]);
      } else {
        existing.push({ value, arrays });
      }
    }
  };

  if (isPlainObject(event)) {
    visit(event, '', []);
  }
  return leaves;
}

function isLeafValue(value: unknown): value is LeafValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Two leaves can be combined unless they sit in different elements of one array. */
export function areConsistent(left: EventLeaf, right: EventLeaf): boolean {
  for (let i = 0; i < left.arrays.length; i += 2) {
    for (let j = 0; j < right.arrays.length; j += 2) {
      if (left.arrays[i] === right.arrays[j] && left.arrays[i + 1] !== right.arrays[j + 1]) {
        return false;
      }
    }
  }
  return true;
}
