/** A repeatable stream of numbers in [0, 1) from a seed (a linear congruential generator): the same run gives the same result. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
