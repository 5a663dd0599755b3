import { SAME_TOPIC_Z } from './cluster';
import type { Centre, EvidenceSpace } from './evidence-space';

/** The share of a group's own answers less alike to the rest than another group's answers may be, for it to join. */
const OWN_LESS_ALIKE = 0.25;

/**
 * Groups the team answers alike are one topic, however differently they are asked: "Ich habe
 * mein Passwort vergessen" and "I forgot my password" get the same reset steps, though an English
 * model sees nothing in common between the questions. Grouping weighs question and answer
 * together, so such groups can stay apart. A group takes another in when the other's answers are
 * as alike to its own as three in four of its own answers are to the rest of them (and at least
 * SAME_TOPIC_Z above random answers). Only a group of the repeat threshold whose answers speak to
 * its questions takes others in: one stock reply ("A colleague will email you") under unrelated
 * questions is no shared answer.
 */
export class SharedAnswers {
  private readonly sameAnswer: number;
  private readonly relevant: number;
  private readonly takers = new Map<number[], { centre: Centre; typical: number } | null>();

  constructor(
    private readonly space: EvidenceSpace,
    private readonly minSize: number,
  ) {
    this.sameAnswer = space.threshold('answer');
    this.relevant = space.relevanceThreshold(SAME_TOPIC_Z / 2);
  }

  /** How alike a group's answers (their centre) are to `taker`'s when `taker` takes it in; -Infinity when it does not. */
  score(answers: Centre, taker: number[]): number {
    const t = this.taker(taker);
    if (!t) return -Infinity;
    const s = this.space.similarity(this.space.answer, answers, t.centre);
    return s >= Math.max(this.sameAnswer, t.typical) ? s : -Infinity;
  }

  private taker(ids: number[]): { centre: Centre; typical: number } | null {
    if (!this.takers.has(ids)) {
      const present = ids.filter((id) => this.space.has(id));
      const takes = present.length >= this.minSize && this.space.relevance(present) >= this.relevant;
      this.takers.set(
        ids,
        takes ? { centre: this.space.centre(this.space.answer, present), typical: typicalAnswer(this.space, present) } : null,
      );
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

/** How alike a group's answer is to the rest of the group's, for all but OWN_LESS_ALIKE of its answers. */
function typicalAnswer(space: EvidenceSpace, ids: number[]): number {
  const whole = space.centre(space.answer, ids);
  const self = (id: number) => space.similarity(space.answer, [id], [id]);
  // an answer's similarity to the others: to the whole, less itself, over the others
  const alike = ids
    .map((id) => (space.similarity(space.answer, [id], whole) * whole.size - self(id)) / (whole.size - 1))
    .sort((a, b) => a - b);
  return alike[Math.floor((alike.length - 1) * OWN_LESS_ALIKE)]!;
}
