import { cosine, l2normalize } from '../embed/embedder';

export interface ClusterItem {
  id: number;
  question: Float32Array;
  /** The human answer's vector, when there is one: same answer, same knowledge. */
  answer: Float32Array | null;
}

export interface Cluster {
  members: number[];
  question: Float32Array;
  answer: Float32Array | null;
}

export interface ClusterOptions {
  /** How similar (0..1) an item must be to a cluster to join it. */
  threshold: number;
  /** Weight of the answer's similarity against the question's, when both exist. */
  answerWeight: number;
}

function similarity(item: ClusterItem, cluster: Cluster, o: ClusterOptions): number {
  const q = cosine(item.question, cluster.question);
  if (!item.answer || !cluster.answer) return q;
  return (1 - o.answerWeight) * q + o.answerWeight * cosine(item.answer, cluster.answer);
}

function centroid(sum: Float32Array): Float32Array {
  return l2normalize(Float32Array.from(sum));
}

interface Growing extends Cluster {
  qsum: Float32Array;
  asum: Float32Array | null;
}

/** Adds members (an item, or a whole cluster given by its vector sums) and recomputes the centres. */
function absorb(into: Growing, members: number[], question: Float32Array, answer: Float32Array | null): void {
  into.members.push(...members);
  question.forEach((x, i) => (into.qsum[i]! += x));
  if (answer) {
    into.asum ??= new Float32Array(answer.length);
    answer.forEach((x, i) => (into.asum![i]! += x));
  }
  into.question = centroid(into.qsum);
  into.answer = into.asum ? centroid(into.asum) : null;
}

/**
 * Groups items that ask the same question (and get the same answer) in one pass: each item
 * joins the most similar cluster above the threshold or starts a new one; then clusters
 * whose centroids are that similar merge. Existing clusters can be passed in to grow
 * incrementally as new tickets arrive.
 */
export function clusterItems(items: ClusterItem[], options: ClusterOptions, existing: Cluster[] = []): Cluster[] {
  const clusters: Growing[] = existing.map((c) => ({ ...c, qsum: Float32Array.from(c.question).map((x) => x * c.members.length), asum: c.answer ? Float32Array.from(c.answer).map((x) => x * c.members.length) : null }));
  for (const item of items) {
    let best = -1;
    let bestScore = options.threshold;
    clusters.forEach((c, i) => {
      const s = similarity(item, c, options);
      if (s >= bestScore) [best, bestScore] = [i, s];
    });
    if (best < 0) {
      clusters.push({ members: [item.id], question: item.question, answer: item.answer, qsum: Float32Array.from(item.question), asum: item.answer ? Float32Array.from(item.answer) : null });
      continue;
    }
    absorb(clusters[best]!, [item.id], item.question, item.answer);
  }
  // merge clusters that ended up describing the same thing
  for (let i = 0; i < clusters.length; i++) {
    for (let j = i + 1; j < clusters.length; j++) {
      const a = clusters[i]!;
      const b = clusters[j]!;
      const s = similarity({ id: 0, question: b.question, answer: b.answer }, a, options);
      if (s < options.threshold) continue;
      absorb(a, b.members, b.qsum, b.asum);
      clusters.splice(j, 1);
      j = i;
    }
  }
  return clusters.map(({ members, question, answer }) => ({ members, question, answer }));
}
