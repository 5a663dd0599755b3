import type { SimilarityMatrix } from './similarity';

/**
 * Agglomerative clustering with average linkage, cut where the average similarity between two
 * groups falls below `threshold`. The nearest-neighbour chain finds the same merges as the
 * textbook algorithm in O(n²) time instead of O(n³); the matrix is updated in place
 * (Lance–Williams), so memory stays at the n² of the matrix itself.
 *
 * A group whose best partner is below the threshold can never merge again (average linkage is
 * reducible: a merged group is never closer to a third than the closer of its parts), so it
 * leaves the chain for good, and the cut costs nothing extra.
 *
 * `sizes` gives how many items each starting unit already stands for (1 each by default).
 * Returns the groups as lists of unit indices, largest first. The matrix is consumed.
 */
export function averageLinkage(m: SimilarityMatrix, threshold: number, sizes?: number[]): number[][] {
  const { n, values: s } = m;
  const weight = sizes ? [...sizes] : new Array<number>(n).fill(1);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const active = Int32Array.from({ length: n }, (_, i) => i);
  const slot = Int32Array.from({ length: n }, (_, i) => i); // position of a group in `active`
  let live = n;
  const done: number[][] = [];
  const retire = (g: number) => {
    const p = slot[g]!;
    const last = active[live - 1]!;
    active[p] = last;
    slot[last] = p;
    live--;
    slot[g] = -1;
  };
  const chain: number[] = [];
  while (live > 0) {
    if (!chain.length) chain.push(active[0]!);
    const a = chain[chain.length - 1]!;
    const previous = chain.length > 1 ? chain[chain.length - 2]! : -1;
    let best = previous;
    let bestSim = previous >= 0 ? s[a * n + previous]! : -Infinity;
    const row = a * n;
    for (let p = 0; p < live; p++) {
      const g = active[p]!;
      if (g === a) continue;
      const v = s[row + g]!;
      if (v > bestSim) [best, bestSim] = [g, v];
    }
    if (best < 0 || bestSim < threshold) {
      chain.pop();
      retire(a);
      done.push(members[a]!);
      continue;
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    // a and its predecessor are each other's nearest: merge the later into the earlier
    chain.pop();
    chain.pop();
    const [keep, gone] = [previous, a];
    const na = weight[keep]!;
    const nb = weight[gone]!;
    for (let p = 0; p < live; p++) {
      const g = active[p]!;
      if (g === keep || g === gone) continue;
      const v = (na * s[keep * n + g]! + nb * s[gone * n + g]!) / (na + nb);
      s[keep * n + g] = v;
      s[g * n + keep] = v;
    }
    members[keep]!.push(...members[gone]!);
    weight[keep] = na + nb;
    retire(gone);
  }
  return done.sort((x, y) => y.length - x.length);
}
