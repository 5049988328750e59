/** A small seeded pseudo-random generator (mulberry32): same seed, same sequence, on every platform. */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** `length` lowercase hex characters. */
  hex(length: number): string;
  /** `length` characters from [A-Za-z0-9]. */
  alnum(length: number): string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  const pick = (alphabet: string, length: number): string =>
    Array.from({ length }, () => alphabet.charAt(int(alphabet.length))).join('');
  return {
    next,
    int,
    hex: (length) => pick('0123456789abcdef', length),
    alnum: (length) => pick(ALNUM, length),
  };
}
