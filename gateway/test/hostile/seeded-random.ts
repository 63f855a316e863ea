/** What the generators draw from: reproducible, so a failing case has the same name and bytes on every run. */
export interface SeededRandom {
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet?: string): string;
}

const IDENTIFIER = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';

/** xorshift32: a few lines, no dependency, and never Math.random (the suite must generate the same cases every run). */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0 || 0x9e3779b9;
  const unit = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(unit() * (max - min + 1));
  return {
    int,
    pick: <T>(items: readonly T[]) => items[int(0, items.length - 1)] as T,
    string: (length, alphabet = IDENTIFIER) => Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)]).join(''),
  };
}
