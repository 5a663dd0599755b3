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

/**
 * Groups items that ask the same question (and get the same answer) in one pass: each item
 * joins the most similar cluster above the threshold or starts a new one; then clusters
 * whose centroids are that similar merge. Existing clusters can be passed in to grow
 * incrementally as new tickets arrive.
 */
export function clusterItems(items: ClusterItem[], options: ClusterOptions, existing: Cluster[] = []): Cluster[] {
  const clusters = existing.map((c) => ({ ...c, qsum: Float32Array.from(c.question).map((x) => x * c.members.length), asum: c.answer ? Float32Array.from(c.answer).map((x) => x * c.members.length) : null }));
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
    const c = clusters[best]!;
    c.members.push(item.id);
    item.question.forEach((x, i) => (c.qsum[i]! += x));
    if (item.answer) {
      c.asum ??= new Float32Array(item.answer.length);
      item.answer.forEach((x, i) => (c.asum![i]! += x));
    }
    c.question = centroid(c.qsum);
    c.answer = c.asum ? centroid(c.asum) : null;
  }
  // merge clusters that ended up describing the same thing
  for (let i = 0; i < clusters.length; i++) {
    for (let j = i + 1; j < clusters.length; j++) {
      const a = clusters[i]!;
      const b = clusters[j]!;
      const s = similarity({ id: 0, question: b.question, answer: b.answer }, a, options);
      if (s < options.threshold) continue;
      a.members.push(...b.members);
      b.qsum.forEach((x, k) => (a.qsum[k]! += x));
      if (b.asum) {
        a.asum ??= new Float32Array(b.asum.length);
        b.asum.forEach((x, k) => (a.asum![k]! += x));
      }
      a.question = centroid(a.qsum);
      a.answer = a.asum ? centroid(a.asum) : null;
      clusters.splice(j, 1);
      j = i;
    }
  }
  return clusters.map(({ members, question, answer }) => ({ members, question, answer }));
}
