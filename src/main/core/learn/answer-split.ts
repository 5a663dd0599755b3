import type { Evidence } from '../draft/evidence';
import { findConsensus, sameLines, type AnswerMeaning } from '../draft/extractive';
import type { EvidenceSpace } from './evidence-space';
import { sphericalKMeans } from './cluster';
import { dot, similarityMatrix, type SimilarityMatrix, type VectorPart } from './similarity';

/** How unlikely, were the questions no help, the questions telling the two answers apart must be. */
const SIGNIFICANCE = 0.01;
/** Random relabellings drawn to see how often chance sets the questions as far apart. */
const PERMUTATIONS = 999;
/** At most this many tickets of each side are read for the test (evenly spread). */
const TESTED_PER_SIDE = 150;

/**
 * A group whose tickets get two different answers is a conflict only when the same question gets
 * both. Grouping compares question and answer together, so two neighbouring topics (a top-up that
 * failed, one still pending) can end up in one group; then what a ticket asks tells which answer
 * it got, and the group is two topics. The two answers are the alternative the consensus finds
 * or, where the answers read alike as a whole (two answers about top-ups), the group's answers
 * cut in two by meaning. Either way the group is split only when the questions of each side are
 * more alike than chance could make them (a permutation test). A real conflict, or an answer
 * that changed over time, leaves the questions interchangeable, and the group whole; so does a
 * cut between two wordings of one answer.
 */
export function splitByAnswer(
  group: Evidence[],
  space: EvidenceSpace,
  boilerplate: Set<string>,
  meaning: AnswerMeaning,
  minSize: number,
): Evidence[][] {
  if (group.length < 2 * minSize) return [group];
  const split = ([main, other]: [Evidence[], Evidence[]]) =>
    main.length >= minSize && other.length >= minSize && questionsTellApart(space, main, other)
      ? [...splitByAnswer(main, space, boilerplate, meaning, minSize), ...splitByAnswer(other, space, boilerplate, meaning, minSize)]
      : null;
  const alternative = new Set(findConsensus(group, boilerplate, meaning).alternative ?? []);
  const byAlternative = alternative.size ? split(sides(group, (e) => alternative.has(e.ticketId))) : null;
  if (byAlternative) return byAlternative;
  // the answers cut in two by meaning are two answers only when they give different lines: a cut
  // between the usual answer and a few that swap a step (outliers) is not
  const halves = bisectAnswers(group, space);
  return (!sameLines(halves[0], halves[1], boilerplate) && split(halves)) || [group];
}

function sides(group: Evidence[], inOther: (e: Evidence) => boolean): [Evidence[], Evidence[]] {
  return [group.filter((e) => !inOther(e)), group.filter(inOther)];
}

/** The group's answers in two by meaning: two-means from the answer least like the rest and the one least like it. */
function bisectAnswers(group: Evidence[], space: EvidenceSpace): [Evidence[], Evidence[]] {
  const ids = group.map((e) => e.ticketId);
  const rows = fusedRows(space.subset(space.answer, ids));
  const sum = new Float32Array(rows[0]!.length);
  for (const r of rows) for (let k = 0; k < r.length; k++) sum[k]! += r[k]!;
  const furthestFrom = (v: Float32Array) => rows.reduce((best, r, i) => (dot(r, v) < dot(rows[best]!, v) ? i : best), 0);
  const first = furthestFrom(sum);
  const side = sphericalKMeans(rows, [first, furthestFrom(rows[first]!)], 8);
  const other = new Set(ids.filter((_, i) => side[i] === 1));
  return sides(group, (e) => other.has(e.ticketId));
}

/** Each row's parts side by side, scaled by the root of their weights: a dot product is the fused similarity. */
function fusedRows(parts: VectorPart[]): Float32Array[] {
  const width = parts.reduce((n, p) => n + (p.rows[0]?.length ?? 0), 0);
  return (parts[0]?.rows ?? []).map((_, i) => {
    const out = new Float32Array(width);
    let at = 0;
    for (const p of parts) {
      const w = Math.sqrt(p.weight);
      const row = p.rows[i]!;
      for (let k = 0; k < row.length; k++) out[at + k] = w * row[k]!;
      at += row.length;
    }
    return out;
  });
}

function questionsTellApart(space: EvidenceSpace, a: Evidence[], b: Evidence[]): boolean {
  const [x, y] = [spread(a, TESTED_PER_SIDE), spread(b, TESTED_PER_SIDE)];
  const matrix = similarityMatrix(
    space.subset(
      space.question,
      [...x, ...y].map((e) => e.ticketId),
    ),
  );
  return separationChance(matrix, x.length, SIGNIFICANCE) < SIGNIFICANCE;
}

function spread<T>(items: T[], most: number): T[] {
  if (items.length <= most) return items;
  return Array.from({ length: most }, (_, i) => items[Math.floor((i * items.length) / most)]!);
}

/**
 * How often a random relabelling of the items into sides of the same sizes makes the sides at
 * least as much more alike within than between as the first `inFirst` items and the rest are
 * (a permutation test; the relabellings are the same from run to run). Once the chance is sure
 * to reach `stopAt`, counting stops and the estimate so far (at least `stopAt`) is returned.
 */
export function separationChance(matrix: SimilarityMatrix, inFirst: number, stopAt = 1): number {
  const { n, values } = matrix;
  const side = new Uint8Array(n);
  side.fill(1, inFirst);
  // with the sizes fixed, the sum within the sides orders relabellings as within-minus-between does
  const within = () => {
    let s = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (side[i] === side[j]) s += values[i * n + j]!;
    return s;
  };
  const observed = within() - 1e-9;
  const random = seeded(n * 7919 + inFirst);
  let asFar = 0;
  for (let drawn = 1; drawn <= PERMUTATIONS; drawn++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [side[i], side[j]] = [side[j]!, side[i]!];
    }
    if (within() >= observed) asFar++;
    if ((asFar + 1) / (PERMUTATIONS + 1) >= stopAt) return (asFar + 1) / (drawn + 1);
  }
  return (asFar + 1) / (PERMUTATIONS + 1);
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
