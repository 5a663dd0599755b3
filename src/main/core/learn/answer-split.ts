import type { Evidence } from '../draft/evidence';
import { ALTERNATIVE_SHARE, findConsensus, sameAnswers, type AnswerMeaning } from '../draft/extractive';
import type { EvidenceSpace } from './evidence-space';
import { SAME_TOPIC_Z, sphericalKMeans, sumOf } from './cluster';
import { mergeInto, SharedMeaning } from './shared-meaning';
import { dot, similarityMatrix, type SimilarityMatrix, type VectorPart } from './similarity';
import { seeded } from './seeded';

/** How unlikely, were the questions no help, the questions telling the answers apart must be (shared among the cuts tried). */
const SIGNIFICANCE = 0.01;
/** Random relabellings drawn to see how often chance sets the questions as far apart. */
const PERMUTATIONS = 1999;
/** How many most similar questions of each question the nearest-neighbour measure reads. */
const NEAREST = 5;
/** At most this many tickets of each side are read for the test (evenly spread). */
const TESTED_PER_SIDE = 150;

/**
 * A group whose tickets get two different answers is a conflict only when the same question gets
 * both. Grouping compares question and answer together, so neighbouring topics (a top-up that
 * failed, one still pending, one reverted) can end up in one group; then what a ticket asks tells
 * which answer it got, and the group is several topics. The cuts tried are the alternative the
 * consensus finds and, as the answers may read alike as a whole (answers about top-ups), the
 * group's answers cut by meaning: in two, and the most distinct of three parts against the rest.
 * The group is split along the cut whose questions tell its sides apart most surely, and only
 * when that is beyond chance once the number of cuts tried is counted (a permutation test). A real
 * conflict, or an answer that changed over time, leaves the questions interchangeable, and the
 * group whole; so does a cut between wordings of one answer.
 */
export function splitByAnswer(
  group: Evidence[],
  space: EvidenceSpace,
  boilerplate: Set<string>,
  meaning: AnswerMeaning,
  minSize: number,
): Evidence[][] {
  if (group.length < 2 * minSize) return [group];
  const large = ([a, b]: Cut) => a.length >= minSize && b.length >= minSize;
  const alternative = new Set(findConsensus(group, boilerplate, meaning).alternative ?? []);
  const byAlternative = sides(group, (e) => alternative.has(e.ticketId));
  // the answers cut by meaning are different answers only when their sides give different lines:
  // a cut between the usual answer and a few that swap a step (outliers) is not, nor one between
  // wordings of the same steps
  const cuts = distinct([
    ...(alternative.size && large(byAlternative) ? [byAlternative] : []),
    ...answerCuts(group, space).filter((cut) => large(cut) && !sameAnswers(cut[0], cut[1], boilerplate, meaning)),
  ]);
  const cut = surestCut(space, cuts);
  if (cut) return cut.flatMap((side) => splitByAnswer(side, space, boilerplate, meaning, minSize));
  return [group];
}

type Cut = [Evidence[], Evidence[]];

function sides(group: Evidence[], inOther: (e: Evidence) => boolean): Cut {
  return [group.filter((e) => !inOther(e)), group.filter(inOther)];
}

/**
 * The cut whose questions tell its sides apart most surely, if by less chance than SIGNIFICANCE
 * shared among the cuts: the least chance, and between equal chances (none of the relabellings as
 * far apart) the cut furthest from them.
 */
function surestCut(space: EvidenceSpace, cuts: Cut[]): Cut | null {
  const level = SIGNIFICANCE / cuts.length;
  let best: { cut: Cut; chance: number; beyond: number } | null = null;
  for (const cut of cuts) {
    const { chance, beyond } = questionsApart(space, idsOf(cut), level);
    if (chance < level && (!best || chance < best.chance || (chance === best.chance && beyond > best.beyond)))
      best = { cut, chance, beyond };
  }
  return best?.cut ?? null;
}

/**
 * The group's answers cut by meaning: in two (two-means from the answer least like the rest and
 * the one least like it) and, for three neighbouring answers, the most distinct of three parts
 * against the rest (three-means, the third seed the answer least like the first two).
 */
function answerCuts(group: Evidence[], space: EvidenceSpace): Cut[] {
  const rows = fusedRows(
    space.subset(
      space.answer,
      group.map((e) => e.ticketId),
    ),
  );
  const sum = sumOfRows(rows, rows.keys());
  const seeds = [rows.reduce((best, r, i) => (dot(r, sum) < dot(rows[best]!, sum) ? i : best), 0)];
  while (seeds.length < 3) {
    const nearestSeed = rows.map((r) => Math.max(...seeds.map((s) => dot(r, rows[s]!))));
    seeds.push(nearestSeed.reduce((best, v, i) => (v < nearestSeed[best]! ? i : best), 0));
  }
  const inTwo = sphericalKMeans(rows, seeds.slice(0, 2), 8);
  const inThree = sphericalKMeans(rows, seeds, 8);
  return [[...inTwo].map((c) => c === 1), mostDistinctPart(rows, sum, inThree)].map((inOther) => {
    const other = new Set(group.filter((_, i) => inOther[i]));
    return sides(group, (e) => other.has(e));
  });
}

/** The cuts without repeats: a cut and its mirror are one cut. */
function distinct(cuts: Cut[]): Cut[] {
  const seen = new Set<string>();
  return cuts.filter((cut) => {
    const [a, b] = cut.map((side) => side.map((e) => e.ticketId).sort((x, y) => x - y));
    const key = (a![0]! < b![0]! ? a! : b!).join(',');
    return !seen.has(key) && !!seen.add(key);
  });
}

/**
 * Of three parts, the one whose answers are most alike among themselves against the rest (the
 * average similarity within it less that to the rest): with two answers in the group, three-means
 * cuts one of them in two and leaves the other whole, and the whole one is the most distinct.
 */
function mostDistinctPart(rows: Float32Array[], total: Float32Array, part: Int32Array): boolean[] {
  const distinctness = (c: number) => {
    const members = [...part.keys()].filter((i) => part[i] === c);
    const [size, rest] = [members.length, rows.length - members.length];
    if (size < 2 || rest < 1) return -Infinity;
    const sum = sumOfRows(rows, members);
    const own = dot(sum, sum);
    const self = members.reduce((s, i) => s + dot(rows[i]!, rows[i]!), 0);
    return (own - self) / (size * (size - 1)) - (dot(sum, total) - own) / (size * rest);
  };
  const scores = [0, 1, 2].map(distinctness);
  const best = scores.indexOf(Math.max(...scores));
  return [...part].map((c) => c === best);
}

const sumOfRows = (rows: Float32Array[], ids: Iterable<number>) => sumOf([{ rows, weight: 1 }], [...ids])[0]!;

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

const idsOf = (cut: Cut): [number[], number[]] => [cut[0].map((e) => e.ticketId), cut[1].map((e) => e.ticketId)];

function questionsApart(space: EvidenceSpace, [a, b]: [number[], number[]], stopAt: number): Separation {
  const [x, y] = [spread(a, TESTED_PER_SIDE), spread(b, TESTED_PER_SIDE)];
  return separation(similarityMatrix(space.subset(space.question, [...x, ...y])), x.length, stopAt);
}

/**
 * The other side of the split: two groups that grouping kept apart by their answers, though they
 * ask the same question and one answer came after the other (the team changed how it answers),
 * are one topic, whose plan lets the newer answer win, not two cards. A group of the repeat
 * threshold joins a larger one when the questions of each are as alike to the other's as a sample
 * of the other's own would be (SharedMeaning, both ways: a neighbouring question is often close to
 * a topic asked broadly, not the other way round) and the questions do not tell the two apart (the
 * test that splits a group, at SIGNIFICANCE). Two answers given side by side stay two groups,
 * unless `meaning` takes them for one answer in other words (each agent words it their own way):
 * then the questions of one need only be asked as the other's are, from half SAME_TOPIC_Z.
 */
export function mergeSameQuestion(
  groups: number[][],
  space: EvidenceSpace,
  minSize: number,
  evidenceOf: (ids: number[]) => Evidence[],
  meaning?: AnswerMeaning,
): number[][] {
  const shared = new SharedMeaning(space, minSize, 'question');
  const loosely = new SharedMeaning(space, minSize, 'question', SAME_TOPIC_Z / 2);
  return mergeInto(groups, (ids, taker) => {
    if (ids.length < minSize) return -Infinity;
    // asked as the other's own questions are, one of them at least loosely (cheap: most pairs stop here)
    const either = Math.max(loosely.score(ids, taker), loosely.score(taker, ids));
    if (either === -Infinity) return either;
    // a few who answered otherwise are outliers of the topic, many at the same time a conflict
    const outliers = ids.length < ALTERNATIVE_SHARE * (ids.length + taker.length);
    const [a, b] = [evidenceOf(ids), evidenceOf(taker)];
    let s: number;
    // each asked as the other's own questions are
    if (outliers || isNewer(a, b) || isNewer(b, a)) s = Math.min(shared.score(ids, taker), shared.score(taker, ids));
    // the same answer in other words, given side by side: the answer already says they are one topic
    else if (meaning?.alike(a, b)) s = either;
    else return -Infinity;
    if (s === -Infinity) return s;
    return questionsApart(space, [ids, taker], SIGNIFICANCE).chance >= SIGNIFICANCE ? s : -Infinity;
  });
}

/** The answers that came after the others: a change of answer over time, not a disagreement. */
export function isNewer(later: Evidence[], earlier: Evidence[]): boolean {
  const times = earlier.map((e) => e.createdAt).sort();
  const cut = times[Math.floor(times.length * 0.8)] ?? '';
  return later.filter((e) => e.createdAt > cut).length >= later.length * 0.8;
}

function spread<T>(items: T[], most: number): T[] {
  if (items.length <= most) return items;
  return Array.from({ length: most }, (_, i) => items[Math.floor((i * items.length) / most)]!);
}

/**
 * How often a random relabelling of the items into sides of the same sizes puts as many of each
 * item's NEAREST most similar items on its side as the first `inFirst` items and the rest have
 * (a permutation test; the relabellings are the same from run to run). Nearest neighbours, not
 * the average similarity within each side: a side may hold two neighbouring questions of its own
 * (a failed and a pending top-up against a reverted one), which a side's average leaves no more
 * alike than the whole. Once the chance is sure to reach `stopAt`, counting stops and the
 * estimate so far (at least `stopAt`) is returned.
 */
export function separationChance(matrix: SimilarityMatrix, inFirst: number, stopAt = 1): number {
  return separation(matrix, inFirst, stopAt).chance;
}

interface Separation {
  chance: number;
  /** How far the sides given are beyond the relabellings, in standard deviations of theirs. */
  beyond: number;
}

function separation(matrix: SimilarityMatrix, inFirst: number, stopAt: number): Separation {
  const side = new Uint8Array(matrix.n);
  side.fill(1, inFirst);
  const nearest = nearestOf(matrix, Math.min(NEAREST, matrix.n - 1));
  const nearOnSide = () => {
    let s = 0;
    nearest.forEach((near, i) => near.forEach(([j, weight]) => (s += side[i] === side[j] ? weight : 0)));
    return s;
  };
  const observed = nearOnSide();
  const random = seeded(matrix.n * 7919 + inFirst);
  let [asFar, sum, squares] = [0, 0, 0];
  const result = (drawn: number, chance: number): Separation => {
    const sd = Math.sqrt(Math.max(0, squares / drawn - (sum / drawn) ** 2));
    return { chance, beyond: sd > 0 ? (observed - sum / drawn) / sd : 0 };
  };
  for (let drawn = 1; drawn <= PERMUTATIONS; drawn++) {
    for (let i = matrix.n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [side[i], side[j]] = [side[j]!, side[i]!];
    }
    const value = nearOnSide();
    [sum, squares] = [sum + value, squares + value * value];
    if (value >= observed - 1e-9) asFar++;
    if ((asFar + 1) / (PERMUTATIONS + 1) >= stopAt) return result(drawn, (asFar + 1) / (drawn + 1));
  }
  return result(PERMUTATIONS, (asFar + 1) / (PERMUTATIONS + 1));
}

/**
 * Each item's `k` most similar other items, as [item, weight]: items tied at the k-th similarity
 * share what is left of k, so the order items come in (the sides) never breaks a tie.
 */
function nearestOf({ n, values }: SimilarityMatrix, k: number): [number, number][][] {
  return Array.from({ length: n }, (_, i) => {
    const similarity = (j: number) => values[i * n + j]!;
    const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
    const kth = others.map(similarity).sort((a, b) => b - a)[k - 1]!;
    const above = others.filter((j) => similarity(j) > kth);
    const tied = others.filter((j) => similarity(j) === kth);
    return [...above.map((j): [number, number] => [j, 1]), ...tied.map((j): [number, number] => [j, (k - above.length) / tied.length])];
  });
}
