import { describe, expect, it } from 'vitest';
import { dot } from '../../src/main/core/learn/similarity';
import { evenlySpread, learnTopicWeights } from '../../src/main/core/learn/topic-weights';

/** A unit vector from its first three entries, in a space of eight. */
function unit(x: number, y: number, z: number): Float32Array {
  const n = Math.hypot(x, y, z);
  return Float32Array.from([x / n, y / n, z / n, 0, 0, 0, 0, 0]);
}

/**
 * Two neighbouring topics: A's questions share a direction with B's and tell themselves apart by
 * a small lean (y), but are worded widely along z; B's are worded alike. A's centre is short (its
 * questions spread), so each of A's own questions stands closer to B's centre than to its own.
 */
function neighbours() {
  const a = [0.9, -0.9, 0.8, -0.8, 0.95, -0.95].map((z, i) => unit(1, 0.25 + 0.01 * i, z));
  const b = [0.05, -0.05, 0.02, -0.02, 0].map((z, i) => unit(1, -0.25 - 0.01 * i, z));
  return { a, b };
}

const centreOf = (rows: Float32Array[]) => rows[0]!.map((_, d) => rows.reduce((s, r) => s + r[d]!, 0) / rows.length);
const winner = (scores: Float32Array[], q: Float32Array) =>
  scores.map((w) => dot(q, w)).reduce((best, s, k, all) => (s > all[best]! ? k : best), 0);

describe('weights learned from the questions of neighbouring topics', () => {
  it('put each topic’s own questions on its side where the centres put them on the neighbour’s', () => {
    const { a, b } = neighbours();
    const centres = [centreOf(a), centreOf(b)];
    // the premise: by centres, A's questions go to B
    expect(a.filter((q) => winner(centres, q) === 1).length).toBeGreaterThan(a.length / 2);
    const weights = learnTopicWeights([{ rows: a }, { rows: b }]) as Float32Array[];
    expect(a.map((q) => winner(weights, q))).toEqual(a.map(() => 0));
    expect(b.map((q) => winner(weights, q))).toEqual(b.map(() => 1));
  });

  it('do not push apart an article and the update drafted for it, which share their questions', () => {
    const { a, b } = neighbours();
    const weights = learnTopicWeights([{ rows: a }, { rows: [...a] }, { rows: b }]) as Float32Array[];
    for (const q of a) {
      expect(dot(q, weights[0]!)).toBeCloseTo(dot(q, weights[1]!), 5);
      expect(dot(q, weights[0]!)).toBeGreaterThan(dot(q, weights[2]!));
    }
  });

  it('learn from at most so many questions of a topic, spread evenly over all of them', () => {
    const rows = Array.from({ length: 400 }, (_, i) => i);
    const taken = evenlySpread(rows, 150);
    expect(taken).toHaveLength(150);
    expect(new Set(taken).size).toBe(150);
    expect(taken[0]).toBe(0);
    expect(taken.at(-1)).toBeGreaterThan(395);
    // the last quarter of the topic: a quarter of the 150, k = 113…149
    expect(taken.filter((i) => i >= 300)).toHaveLength(37);
    expect(evenlySpread([1, 2, 3], 150)).toEqual([1, 2, 3]);
  });

  it('leave an entry without evidence without weights', () => {
    const { a, b } = neighbours();
    expect(learnTopicWeights([{ rows: a }, { rows: [] }, { rows: b }])[1]).toBeNull();
  });
});
