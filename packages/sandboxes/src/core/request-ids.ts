import type { Prng } from './prng.js';

/** Request ids: a per-sandbox random prefix and a counter, unique within a run. */
export function requestIdSource(ids: Prng, length: number): () => string {
  const prefix = ids.hex(length - 10);
  let counter = 0;
  return () => {
    counter += 1;
    return `${prefix}${counter.toString(16).padStart(10, '0')}`;
  };
}
