import type { Centre, EvidenceSpace } from './evidence-space';
import { averageLinkage } from './linkage';
import { similarityMatrix } from './similarity';

/**
 * Topics still collecting evidence that ask the same question, taken together. Grouping keeps
 * tickets apart when the team answered each its own way (a stock line, "I've raised it with the
 * team", a link): a question asked ten times without one usable answer was ten questions asked
 * once, and never a coverage gap, though it is the gap a lead most needs to see. Here the groups
 * are joined by their questions alone (average linkage over the groups, cut where the workspace's
 * tickets ask the same question: `space.threshold('question')`). Nothing is drafted from such a
 * topic, as its answers do not agree. A group asked as a card's question (`cards`: their question
 * centres) stays on its own: that question has its card.
 *
 * Returns the groups' indices, joined. Time O(n²·d) for the n tickets of the groups, memory an
 * n×n and a g×g matrix (g groups), as grouping itself.
 */
export function collectingByQuestion(groups: number[][], space: EvidenceSpace, cards: Centre[]): number[][] {
  const threshold = space.threshold('question');
  const open: number[] = [];
  const alone: number[][] = [];
  groups.forEach((ids, i) => {
    const asked = space.centre(space.question, ids);
    if (cards.some((card) => space.similarity(space.question, asked, card) >= threshold)) alone.push([i]);
    else open.push(i);
  });
  if (open.length < 2) return [...alone, ...open.map((i) => [i])];
  const tickets = open.flatMap((i) => groups[i]!);
  const groupOf = open.flatMap((i, g) => groups[i]!.map(() => g));
  const byTicket = similarityMatrix(space.subset(space.question, tickets));
  const g = open.length;
  let byGroup = byTicket;
  if (tickets.length > g) {
    // the average similarity of two groups' tickets (they lie group after group: x ≤ y)
    const n = tickets.length;
    const values = new Float32Array(g * g);
    for (let a = 0; a < n; a++)
      for (let b = a + 1; b < n; b++) {
        const [x, y] = [groupOf[a]!, groupOf[b]!];
        if (x !== y) values[x * g + y]! += byTicket.values[a * n + b]!;
      }
    const sizes = open.map((i) => groups[i]!.length);
    for (let x = 0; x < g; x++)
      for (let y = x + 1; y < g; y++) {
        values[x * g + y]! /= sizes[x]! * sizes[y]!;
        values[y * g + x] = values[x * g + y]!;
      }
    byGroup = { n: g, values };
  }
  const joined = averageLinkage(
    byGroup,
    threshold,
    open.map((i) => groups[i]!.length),
  );
  return [...joined.map((members) => members.map((m) => open[m]!)), ...alone];
}
