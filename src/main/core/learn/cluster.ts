import { averageLinkage } from './linkage';
import { backgroundOfParts, dot, similarityMatrix, type VectorPart } from './similarity';

/**
 * Groups items that ask the same question (and get the same answer) into topics.
 *
 * 1. Fused similarities of all pairs (meaning and words, see meaning.ts).
 * 2. Average linkage, cut where a topic's members are on average SAME_TOPIC_Z standard
 *    deviations more similar than two random tickets of the workspace (`joinThreshold`). The cut
 *    comes from the distribution of the vectors at hand: no similarity constant that belongs to
 *    one model. It is fixed for the whole workspace, so grouping a few new tickets draws the
 *    same lines as grouping them all at once.
 *
 * Time O(n²·d) for the similarities and O(n²) for the linkage; memory one n×n Float32 matrix
 * (100 MB at 5,000 items). Above BLOCK items the set is first split by meaning into blocks of at
 * most BLOCK (spherical k-means), each block is grouped exactly, and groups of different blocks
 * whose members are that similar on average are merged: memory stays that of one block.
 */

export const SAME_TOPIC_Z = 2;
export const BLOCK = 4000;

/** Item indices per group, largest group first; `threshold` from `joinThreshold` of the whole set the items belong to. */
export function groupItems(parts: VectorPart[], threshold = joinThreshold(parts)): number[][] {
  const n = parts[0]?.rows.length ?? 0;
  if (n === 0) return [];
  if (n <= BLOCK) return groupBlock(parts, range(n), threshold);
  const groups = splitByMeaning(parts, range(n)).flatMap((block) => groupBlock(parts, block, threshold));
  return mergeAcross(parts, groups, threshold);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const subset = (parts: VectorPart[], ids: number[]): VectorPart[] =>
  parts.map((p) => ({ weight: p.weight, rows: ids.map((i) => p.rows[i]!) }));

/** Mean plus `z` (SAME_TOPIC_Z) standard deviations of the similarity of random pairs: how alike one topic's items are on average. */
export function joinThreshold(parts: VectorPart[], z = SAME_TOPIC_Z): number {
  const bg = backgroundOfParts(parts);
  return bg.mean + z * bg.sd;
}

function groupBlock(parts: VectorPart[], ids: number[], threshold: number): number[][] {
  return averageLinkage(similarityMatrix(subset(parts, ids)), threshold).map((g) => g.map((i) => ids[i]!));
}

/** Fused vector sums of groups: the average similarity of two groups is the dot product of their sums over the product of their sizes. */
export function sumOf(parts: VectorPart[], ids: number[]): Float32Array[] {
  return parts.map((p) => {
    const sum = new Float32Array(p.rows[0]!.length);
    for (const i of ids) {
      const row = p.rows[i]!;
      for (let k = 0; k < row.length; k++) sum[k]! += row[k]!;
    }
    return sum;
  });
}

export function averageSimilarity(parts: VectorPart[], a: Float32Array[], sizeA: number, b: Float32Array[], sizeB: number): number {
  let s = 0;
  parts.forEach((p, k) => (s += p.weight * dot(a[k]!, b[k]!)));
  return s / (sizeA * sizeB);
}

/** Average linkage over groups from different blocks (groups of one item stay as they are). */
function mergeAcross(parts: VectorPart[], groups: number[][], threshold: number): number[][] {
  const merging = groups.filter((g) => g.length > 1);
  const single = groups.filter((g) => g.length === 1);
  const sums = merging.map((g) => sumOf(parts, g));
  const m = merging.length;
  const values = new Float32Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++) {
      const v = averageSimilarity(parts, sums[i]!, merging[i]!.length, sums[j]!, merging[j]!.length);
      values[i * m + j] = v;
      values[j * m + i] = v;
    }
  const merged = averageLinkage(
    { n: m, values },
    threshold,
    merging.map((g) => g.length),
  );
  return [...merged.map((ids) => ids.flatMap((i) => merging[i]!)), ...single].sort((a, b) => b.length - a.length);
}

/**
 * Splits items into blocks of at most BLOCK by spherical k-means on the first (meaning) part,
 * recursively where a cluster comes out too large.
 */
function splitByMeaning(parts: VectorPart[], ids: number[]): number[][] {
  if (ids.length <= BLOCK) return [ids];
  const rows = ids.map((id) => parts[0]!.rows[id]!);
  const k = Math.ceil((ids.length / BLOCK) * 2);
  // spread seeds: every (n/k)-th item of a fixed shuffle
  const order = ids.map((_, p) => p).sort((a, b) => hash(ids[a]!) - hash(ids[b]!));
  const seeds = Array.from({ length: k }, (_, c) => order[Math.floor((c * order.length) / k)]!);
  const assignment = sphericalKMeans(rows, seeds, 8);
  const clusters = Array.from({ length: k }, () => [] as number[]);
  ids.forEach((id, p) => clusters[assignment[p]!]!.push(id));
  const nonEmpty = clusters.filter((c) => c.length);
  // a split that did not split (identical vectors): cut in halves instead
  if (nonEmpty.length === 1)
    return [ids.slice(0, ids.length >> 1), ids.slice(ids.length >> 1)].flatMap((half) => splitByMeaning(parts, half));
  return nonEmpty.flatMap((c) => splitByMeaning(parts, c));
}

/** Spherical k-means of unit rows from the rows at `seeds`: each row's cluster (the index of its seed). */
export function sphericalKMeans(rows: Float32Array[], seeds: number[], iterations: number): Int32Array {
  const d = rows[0]!.length;
  let centres: Float32Array[] = seeds.map((i) => Float32Array.from(rows[i]!));
  const assignment = new Int32Array(rows.length);
  for (let iteration = 0; iteration < iterations; iteration++) {
    rows.forEach((row, p) => {
      let best = 0;
      let bestSim = -Infinity;
      centres.forEach((c, ci) => {
        const s = dot(row, c);
        if (s > bestSim) [best, bestSim] = [ci, s];
      });
      assignment[p] = best;
    });
    const next = centres.map(() => new Float32Array(d));
    rows.forEach((row, p) => {
      const c = next[assignment[p]!]!;
      for (let x = 0; x < d; x++) c[x]! += row[x]!;
    });
    centres = next.map((c, ci) => (c.some((x) => x !== 0) ? normalized(c) : centres[ci]!));
  }
  return assignment;
}

function normalized(v: Float32Array): Float32Array {
  const norm = Math.sqrt(dot(v, v));
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

function hash(x: number): number {
  let h = Math.imul(x ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
