import type { Embedder } from '../../src/main/core/embed/embedder';
import { groupItems, joinThreshold as joinThresholdFor, sphericalKMeans } from '../../src/main/core/learn/cluster';
import { KnowledgeMatcher } from '../../src/main/core/learn/matcher';
import { MeaningSpace, type Signals } from '../../src/main/core/learn/meaning';
import { referenceTexts } from '../../src/main/core/learn/reference';
import { dot } from '../../src/main/core/learn/similarity';
import { questionSentences } from '../../src/main/core/text/clean';
import type { Labelled } from './banking';
import { ari, mappedAccuracy, nmi, purity } from './scores';
import { cachedVectors } from './vectors';

export interface GroupingScores {
  items: number;
  groups: number;
  recurring: number;
  nmi: number;
  ari: number;
  accuracy: number;
  purity: number;
  seconds: number;
}

export interface MatchingScores {
  topics: number;
  accuracyAt1: number;
  answered: number;
  rightWhenAnswered: number;
}

/**
 * Questions with their vectors by meaning (none for the built-in embedder: words alone), and the
 * vectors of their sentences as the index keeps them for a question of several (see job.ts).
 */
async function signalsOf(items: Labelled[], embedder: Embedder | null): Promise<Signals[]> {
  const texts = items.map((i) => i.text);
  if (!embedder) return texts.map((text) => ({ text, semantic: null }));
  const vectors = await cachedVectors(embedder, texts);
  const sentences = texts.map(questionSentences);
  const sentenceVectors = await cachedVectors(embedder, sentences.flat());
  let at = 0;
  return texts.map((text, i) => ({
    text,
    semantic: vectors[i]!,
    sentences: sentences[i]!.map((sentence) => ({ text: sentence, semantic: sentenceVectors[at++]! })),
  }));
}

async function referenceOf(embedder: Embedder | null): Promise<Signals[]> {
  const texts = referenceTexts().map((t) => t.question);
  const vectors = embedder ? await cachedVectors(embedder, texts) : null;
  return texts.map((text, i) => ({ text, semantic: vectors?.[i] ?? null }));
}

function groupsToLabels(groups: number[][], n: number): number[] {
  const found = new Array<number>(n);
  groups.forEach((ids, g) => ids.forEach((i) => (found[i] = g)));
  return found;
}

/** Groups labelled questions as the backfill would, and scores the groups against the labels. */
export async function scoreGrouping(
  items: Labelled[],
  embedder: Embedder | null,
  minSize = 3,
): Promise<GroupingScores & { groupsOf: number[][] }> {
  const signals = await signalsOf(items, embedder);
  const reference = await referenceOf(embedder);
  const started = performance.now();
  const space = MeaningSpace.fit(signals, reference);
  const groups = groupItems(space.parts(signals), joinThresholdOf(space, signals, reference));
  const seconds = (performance.now() - started) / 1000;
  const truth = items.map((i) => i.label);
  const found = groupsToLabels(groups, items.length);
  return {
    items: items.length,
    groups: groups.length,
    recurring: groups.filter((g) => g.length >= minSize).length,
    nmi: nmi(truth, found),
    ari: ari(truth, found),
    accuracy: mappedAccuracy(truth, found),
    purity: purity(truth, found),
    seconds,
    groupsOf: groups,
  };
}

function joinThresholdOf(space: MeaningSpace, signals: Signals[], reference: Signals[]): number {
  return joinThresholdFor(space.parts([...signals, ...reference]));
}

/**
 * What the vectors allow, for reference: spherical k-means on the same fused vectors, told the
 * true number of groups (which Tideline never is), seeded by k-means++ with a fixed seed.
 */
export async function scoreToldK(items: Labelled[], embedder: Embedder | null): Promise<Pick<GroupingScores, 'nmi' | 'ari' | 'accuracy'>> {
  const signals = await signalsOf(items, embedder);
  const space = MeaningSpace.fit(signals, await referenceOf(embedder));
  const rows = signals.map((s) => space.vector(s));
  const truth = items.map((i) => i.label);
  const found = [...sphericalKMeans(rows, kMeansPlusPlus(rows, new Set(truth).size), 20)];
  return { nmi: nmi(truth, found), ari: ari(truth, found), accuracy: mappedAccuracy(truth, found) };
}

/** k-means++ seeds: each next seed drawn with probability growing with its distance (1 − cosine) to the nearest seed so far. */
function kMeansPlusPlus(rows: Float32Array[], k: number): number[] {
  let state = 0x9e3779b9;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const seeds = [Math.floor(random() * rows.length)];
  const nearest = rows.map((r) => 1 - dot(r, rows[seeds[0]!]!));
  while (seeds.length < k) {
    const total = nearest.reduce((a, b) => a + Math.max(0, b) ** 2, 0);
    let pick = random() * total;
    let next = 0;
    while (next < rows.length - 1 && (pick -= Math.max(0, nearest[next]!) ** 2) > 0) next++;
    seeds.push(next);
    rows.forEach((r, i) => (nearest[i] = Math.min(nearest[i]!, 1 - dot(r, rows[next]!))));
  }
  return seeds;
}

/**
 * Topics from `train` stand for articles made from them: the groups learned from it (at least
 * `minSize`, as drafts would be), or the true intents (the matcher alone, without grouping's
 * mistakes). Each `test` question is matched to one: right when the topic's most common label
 * is the question's.
 */
export async function scoreMatching(
  train: Labelled[],
  test: Labelled[],
  embedder: Embedder | null,
  topicsFrom: 'learned' | 'labels',
  minSize = 3,
): Promise<MatchingScores> {
  const byLabel = new Map<string, number[]>();
  train.forEach((t, i) => byLabel.set(t.label, [...(byLabel.get(t.label) ?? []), i]));
  const topics =
    topicsFrom === 'labels'
      ? [...byLabel.values()]
      : (await scoreGrouping(train, embedder, minSize)).groupsOf.filter((g) => g.length >= minSize);
  const labelOf = topics.map((g) => {
    const counts = new Map<string, number>();
    for (const i of g) counts.set(train[i]!.label, (counts.get(train[i]!.label) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  });
  const trainSignals = await signalsOf(train, embedder);
  const testSignals = await signalsOf(test, embedder);
  const signals = new Map<number, Signals>();
  trainSignals.forEach((s, i) => signals.set(i, s));
  testSignals.forEach((s, j) => signals.set(train.length + j, s));
  const entries = topics.map((g, t) => ({ id: t, evidence: g, text: '' }));
  const matcher = KnowledgeMatcher.fromSignals(entries, signals, await referenceOf(embedder));
  let right = 0;
  let answered = 0;
  let answeredRight = 0;
  test.forEach((q, j) => {
    const question = { ticketId: train.length + j, text: q.text };
    const best = matcher.best(question);
    if (best && labelOf[best.entry.id] === q.label) right++;
    const match = matcher.match(question);
    if (match) {
      answered++;
      if (labelOf[match.entry.id] === q.label) answeredRight++;
    }
  });
  return {
    topics: topics.length,
    accuracyAt1: right / test.length,
    answered: answered / test.length,
    rightWhenAnswered: answered ? answeredRight / answered : 0,
  };
}
