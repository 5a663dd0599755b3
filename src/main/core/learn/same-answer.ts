import { SAME_TOPIC_Z } from './cluster';
import type { Centre, EvidenceSpace } from './evidence-space';

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
 */
export class SharedAnswers {
  private readonly sameAnswer: number;
  private readonly takers = new Map<number[], { centre: Centre; mean: number; sd: number } | null>();

  constructor(
    private readonly space: EvidenceSpace,
    private readonly minSize: number,
  ) {
    this.sameAnswer = space.threshold('answer');
  }

  /** How alike a group's answers (their centre) are to `taker`'s when `taker` takes it in; -Infinity when it does not. */
  score(answers: Centre, taker: number[]): number {
    const t = this.taker(taker);
    if (!t || !answers.size) return -Infinity;
    const s = this.space.similarity(this.space.answer, answers, t.centre);
    return s >= Math.max(this.sameAnswer, t.mean - (SAME_TOPIC_Z * t.sd) / Math.sqrt(answers.size)) ? s : -Infinity;
  }

  private taker(ids: number[]): { centre: Centre; mean: number; sd: number } | null {
    if (!this.takers.has(ids)) {
      const present = ids.filter((id) => this.space.has(id));
      this.takers.set(ids, present.length >= Math.max(2, this.minSize) ? ownAnswers(this.space, present) : null);
    }
    return this.takers.get(ids)!;
  }
}

/** Groups that others take in merged into them, each into the larger group whose answers are most alike. Time O(g·t·d). */
export function mergeSameAnswer(groups: number[][], space: EvidenceSpace, minSize: number): number[][] {
  const shared = new SharedAnswers(space, minSize);
  // each group's target is strictly larger, so following targets ends at a group that stays
  const target = groups.map((ids) => {
    const centre = space.centre(space.answer, ids);
    let best = -1;
    let bestScore = -Infinity;
    groups.forEach((taker, t) => {
      if (taker.length <= ids.length) return;
      const s = shared.score(centre, taker);
      if (s > bestScore) [best, bestScore] = [t, s];
    });
    return best;
  });
  const root = (g: number): number => (target[g] === -1 ? g : root(target[g]!));
  const members = new Map<number, number[]>();
  groups.forEach((ids, g) => members.set(root(g), [...(members.get(root(g)) ?? []), ...ids]));
  return [...members.values()];
}

/** A group's answer centre, and the mean and spread of each answer's average similarity to the others. */
function ownAnswers(space: EvidenceSpace, ids: number[]): { centre: Centre; mean: number; sd: number } {
  const centre = space.centre(space.answer, ids);
  const n = centre.size;
  // an answer's similarity to the others: to the whole, less itself, over the others
  const alike = ids.map((id) => (space.similarity(space.answer, [id], centre) * n - space.similarity(space.answer, [id], [id])) / (n - 1));
  const mean = alike.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(alike.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  return { centre, mean, sd };
}
