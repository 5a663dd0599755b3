import type { Evidence } from '../draft/evidence';
import { findConsensus, type AnswerMeaning } from '../draft/extractive';
import type { EvidenceSpace } from './evidence-space';

/** How unlikely, were the questions no help, the questions telling the two answers apart must be. */
const SIGNIFICANCE = 0.01;
/** Similarities this close are equal (float sums of one question's vector). */
const TIE = 1e-6;

/**
 * A group whose tickets get two different answers is a conflict only when the same question gets
 * both. Grouping compares question and answer together, so two neighbouring topics (changing the
 * account's email, merging two accounts) can end up in one group; then what a ticket asks tells
 * which answer it got, and the group is two topics. Each ticket's question is compared with the
 * two answers' questions (its own left out); the group is split when the questions pick the
 * ticket's answer more often than chance could (a one-sided binomial test). A real conflict, or
 * an answer that changed over time, leaves the questions interchangeable, and the group whole.
 */
export function splitByAnswer(
  group: Evidence[],
  space: EvidenceSpace,
  boilerplate: Set<string>,
  meaning: AnswerMeaning,
  minSize: number,
): Evidence[][] {
  if (group.length < 2 * minSize) return [group];
  const alternative = new Set(findConsensus(group, boilerplate, meaning).alternative ?? []);
  if (alternative.size < minSize) return [group];
  const other = group.filter((e) => alternative.has(e.ticketId));
  const main = group.filter((e) => !alternative.has(e.ticketId));
  if (!questionsTellApart(space, main, other)) return [group];
  return [...splitByAnswer(main, space, boilerplate, meaning, minSize), ...splitByAnswer(other, space, boilerplate, meaning, minSize)];
}

function questionsTellApart(space: EvidenceSpace, a: Evidence[], b: Evidence[]): boolean {
  const ids = (g: Evidence[]) => g.map((e) => e.ticketId);
  const centres = [space.centre(space.question, ids(a)), space.centre(space.question, ids(b))] as const;
  let right = 0;
  let total = 0;
  [a, b].forEach((own, side) => {
    const [mine, theirs] = side === 0 ? centres : [centres[1], centres[0]];
    for (const e of own) {
      if (mine.size < 2) continue;
      const self = space.similarity(space.question, [e.ticketId], [e.ticketId]);
      const withSelf = space.similarity(space.question, [e.ticketId], mine);
      const toOwn = (mine.size * withSelf - self) / (mine.size - 1);
      const margin = toOwn - space.similarity(space.question, [e.ticketId], theirs);
      // the same question word for word is as close to both: a tie counts half
      right += Math.abs(margin) <= TIE ? 0.5 : margin > 0 ? 1 : 0;
      total++;
    }
  });
  return binomialTail(Math.floor(right), total) < SIGNIFICANCE;
}

/** P(X ≥ k) for X ~ Binomial(n, 1/2). */
export function binomialTail(k: number, n: number): number {
  if (k <= 0) return 1;
  let logChoose = 0; // log C(n, 0)
  let sum = 0;
  for (let x = 0; x <= n; x++) {
    if (x > 0) logChoose += Math.log((n - x + 1) / x);
    if (x >= k) sum += Math.exp(logChoose - n * Math.LN2);
  }
  return Math.min(1, sum);
}
