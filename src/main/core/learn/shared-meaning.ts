import { groupItems, SAME_TOPIC_Z } from './cluster';
import type { Centre, EvidenceSpace } from './evidence-space';
import type { VectorPart } from './similarity';

/**
 * Groups the team answers alike are one topic, however differently they are asked: "Ich habe
 * mein Passwort vergessen" and "I forgot my password" get the same reset steps, though an English
 * model sees nothing in common between the questions. Grouping weighs question and answer
 * together, so such groups can stay apart. A group of the repeat threshold (or a card) takes
 * another in when the other's answers are as alike to its own as a sample of as many of its own
 * answers would be: their average similarity to its answers is no further below the average of
 * its own answers' than SAME_TOPIC_Z standard errors (and at least SAME_TOPIC_Z standard
 * deviations above random answers). A different answer, even one worded in the same template,
 * falls further below. Every group here already passed grouping's test that questions or the
 * answer's relevance hold it together, so one stock reply under unrelated questions is no group.
 *
 * Questions are compared the same way, for groups that ask the same question and were answered
 * differently (see `mergeSameQuestion`); only their answers have variants (`taker`).
 */
export class SharedMeaning {
  private readonly same: number;
  private readonly takers = new Map<number[], Spread[]>();
  private readonly usual = new Map<number[], Centre>();

  constructor(
    private readonly space: EvidenceSpace,
    private readonly minSize: number,
    private readonly part: 'question' | 'answer' = 'answer',
    z = SAME_TOPIC_Z,
  ) {
    this.same = space.threshold(part, z);
  }

  private get parts() {
    return this.space[this.part];
  }

  /** How alike a group's usual answers (or questions) are to `taker`'s when `taker` takes it in; -Infinity when it does not. */
  score(group: number[], taker: number[]): number {
    const usual = this.usualOf(group);
    if (!usual.size) return -Infinity;
    let best = -Infinity;
    for (const t of this.taker(taker)) {
      const s = this.space.similarity(this.parts, usual, t.centre);
      if (s >= Math.max(this.same, t.mean - (SAME_TOPIC_Z * t.sd) / Math.sqrt(usual.size)) && s > best) best = s;
    }
    return best;
  }

  /**
   * A taker's answers as a whole and, where its team gave different answers over time (the steps
   * before and after a change), each answer of the repeat threshold's tickets on its own: a group
   * answered as one of them is that topic too. Questions have no variants: a group asked as a
   * part of a topic is asked more narrowly, not the same.
   */
  private taker(ids: number[]): Spread[] {
    let variants = this.takers.get(ids);
    if (!variants) {
      const present = ids.filter((id) => this.space.has(id));
      const least = Math.max(2, this.minSize);
      variants = present.length < least ? [] : [spreadOf(this.space, this.parts, present)];
      if (variants.length && this.part === 'answer') {
        // its answers grouped where they are more alike than its answers are on average
        const step = Math.ceil(present.length / VARIANTS_READ);
        const read = present.filter((_, i) => i % step === 0);
        const cut = Math.max(this.same, variants[0]!.mean);
        for (const part of groupItems(this.space.subset(this.space.answer, read), cut)) {
          const ids = part.map((i) => read[i]!);
          if (ids.length >= least && ids.length < read.length) variants.push(spreadOf(this.space, this.space.answer, ids));
        }
      }
      this.takers.set(ids, variants);
    }
    return variants;
  }

  /**
   * A group's answers (or questions) without those its own set apart (a reply to something else,
   * the steps after a change): further below the typical one's likeness to the others than
   * SAME_TOPIC_Z robust deviations (scaled median absolute deviation, which they cannot inflate).
   */
  private usualOf(ids: number[]): Centre {
    let centre = this.usual.get(ids);
    if (!centre) {
      const present = ids.filter((id) => this.space.has(id));
      let kept = present;
      if (present.length >= 3) {
        const { alike } = spreadOf(this.space, this.parts, present);
        const typical = median(alike);
        const cut = typical - SAME_TOPIC_Z * MAD_TO_SD * median(alike.map((x) => Math.abs(x - typical))) - 1e-6;
        kept = present.filter((_, i) => alike[i]! >= cut);
      }
      centre = this.space.centre(this.parts, kept);
      this.usual.set(ids, centre);
    }
    return centre;
  }
}

/** A set's centre, and the mean and spread of each one's average similarity to the others (`alike`). */
interface Spread {
  centre: Centre;
  alike: number[];
  mean: number;
  sd: number;
}

/** The median absolute deviation times this estimates the standard deviation of normal data. */
const MAD_TO_SD = 1.4826;

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** At most this many of a taker's answers are grouped to find its different answers (an n² step). */
const VARIANTS_READ = 400;

/** Groups that others take in merged into them, each into the larger group whose answers are most alike. Time O(g·t·d). */
export function mergeSameAnswer(groups: number[][], space: EvidenceSpace, minSize: number): number[][] {
  const shared = new SharedMeaning(space, minSize, 'answer');
  return mergeInto(groups, (ids, taker) => shared.score(ids, taker));
}

/**
 * Each group merged into the strictly larger group it scores highest with (`score`: -Infinity for
 * none); following targets ends at a group that stays, so chains merge whole.
 */
export function mergeInto(groups: number[][], score: (group: number[], taker: number[]) => number): number[][] {
  const target = groups.map((ids) => {
    let best = -1;
    let bestScore = -Infinity;
    groups.forEach((taker, t) => {
      if (taker.length <= ids.length) return;
      const s = score(ids, taker);
      if (s > bestScore) [best, bestScore] = [t, s];
    });
    return best;
  });
  const root = (g: number): number => (target[g] === -1 ? g : root(target[g]!));
  const members = new Map<number, number[]>();
  groups.forEach((ids, g) => members.set(root(g), [...(members.get(root(g)) ?? []), ...ids]));
  return [...members.values()];
}

function spreadOf(space: EvidenceSpace, parts: VectorPart[], ids: number[]): Spread {
  const centre = space.centre(parts, ids);
  const n = centre.size;
  // one's similarity to the others: to the whole, less itself, over the others
  const alike = ids.map((id) => (space.similarity(parts, [id], centre) * n - space.similarity(parts, [id], [id])) / (n - 1));
  const mean = alike.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(alike.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  return { centre, alike, mean, sd };
}
