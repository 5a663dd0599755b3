import { seeded } from './seeded';
import { dot, Probe } from './similarity';

/**
 * Weights that tell neighbouring topics apart, learned from the questions each topic was made
 * from: a softmax regression over the fused vectors, started from each topic's centre (where it
 * ranks as the centre does) and moved by a few passes of stochastic gradient descent. The centre
 * weighs every word and meaning a topic's questions share alike; "top-up failed" and "top-up
 * reverted" share most of theirs, and the weights learn which few tell them apart.
 *
 * Each question is weighed against the topics whose centres stand closest to it (CANDIDATES),
 * not against all: far topics are never confused and would cost time. A question in the evidence
 * of several entries (an article and the update drafted for it) counts for all of them, so they
 * are not pushed apart. Time: O(rows × (PRESELECT + CANDIDATES × PASSES) × dimension) after the
 * O(entries² × dimension) of the preselection; memory: one weight vector per entry.
 */

/** How many closest topics each question is weighed against (besides its own). */
const CANDIDATES = 10;
/** Topics close to a question's own topic, from which its CANDIDATES are drawn. */
const PRESELECT = 40;
/** Logits are this multiple of a dot product of unit-length vectors (a softmax temperature). */
const SCALE = 10;
/** Passes over the questions; the step shrinks with each. */
const PASSES = 8;
const STEP = 0.02;
/** At most this many questions of one topic are learned from (evenly spread over its evidence). */
const PER_TOPIC = 150;

export interface TopicEvidence {
  /** The fused vectors of the entry's evidence questions (the same array for a question shared by entries). */
  rows: Float32Array[];
}

/** One weight vector per entry, or null for an entry without evidence. */
export function learnTopicWeights(entries: TopicEvidence[]): (Float32Array | null)[] {
  const centres = entries.map((e) => meanOf(e.rows));
  const trained = centres.flatMap((c, i) => (c ? [i] : []));
  if (trained.length < 2) return centres;
  const weights = centres.map((c) => c && c.slice());
  // each distinct question once, with every entry it stands for
  const owners = new Map<Float32Array, number[]>();
  for (const i of trained) {
    for (const row of evenlySpread(entries[i]!.rows, PER_TOPIC)) {
      const list = owners.get(row) ?? [];
      if (!list.includes(i)) list.push(i);
      owners.set(row, list);
    }
  }
  const nearTopics = new Map(trained.map((i) => [i, highest(trained, (k) => dot(centres[i]!, centres[k]!), PRESELECT)]));
  const samples = [...owners].map(([row, own]) => {
    const probe = new Probe(row);
    const pool = [...new Set(own.flatMap((i) => nearTopics.get(i)!))];
    const near = highest(pool, (k) => probe.dot(centres[k]!), CANDIDATES);
    return { row, probe, own, candidates: [...new Set([...own, ...near])], nonZero: nonZeroOf(row) };
  });
  const random = seeded(0x2545f491);
  for (let pass = 0; pass < PASSES; pass++) {
    for (let i = samples.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [samples[i], samples[j]] = [samples[j]!, samples[i]!];
    }
    const step = STEP / (1 + pass);
    for (const s of samples) descend(s, weights, step);
  }
  return weights;
}

/** One step on one question: its own entries' share of the softmax over its candidates goes up. */
function descend(
  s: { row: Float32Array; probe: Probe; own: number[]; candidates: number[]; nonZero: Int32Array },
  weights: (Float32Array | null)[],
  step: number,
): void {
  const logits = s.candidates.map((k) => SCALE * s.probe.dot(weights[k]!));
  const top = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - top));
  const total = e.reduce((a, b) => a + b, 0);
  const owned = s.candidates.reduce((a, k, i) => a + (s.own.includes(k) ? e[i]! : 0), 0);
  s.candidates.forEach((k, i) => {
    // the gradient of −log(Σ own probabilities): own entries share the pull by their probability
    const gradient = e[i]! / total - (s.own.includes(k) ? e[i]! / owned : 0);
    if (Math.abs(gradient) < 1e-3) return;
    const w = weights[k]!;
    const f = step * SCALE * gradient;
    for (const d of s.nonZero) w[d]! -= f * s.row[d]!;
  });
}

/** At most `n` of the items, spread evenly from the first to the last. */
export function evenlySpread<T>(items: T[], n: number): T[] {
  const taken = Math.min(items.length, n);
  return Array.from({ length: taken }, (_, k) => items[Math.floor((k * items.length) / taken)]!);
}

function meanOf(rows: Float32Array[]): Float32Array | null {
  if (!rows.length) return null;
  const mean = new Float32Array(rows[0]!.length);
  for (const r of rows) for (let d = 0; d < r.length; d++) mean[d]! += r[d]! / rows.length;
  return mean;
}

/** The `n` of `among` that score highest. */
function highest(among: number[], score: (k: number) => number, n: number): number[] {
  return among
    .map((k) => ({ k, s: score(k) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, n)
    .map((c) => c.k);
}

function nonZeroOf(row: Float32Array): Int32Array {
  const at: number[] = [];
  for (let d = 0; d < row.length; d++) if (row[d] !== 0) at.push(d);
  return Int32Array.from(at);
}
