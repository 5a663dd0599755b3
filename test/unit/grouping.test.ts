import { describe, expect, it } from 'vitest';
import { BLOCK, groupItems, joinThreshold } from '../../src/main/core/learn/cluster';
import { averageLinkage } from '../../src/main/core/learn/linkage';
import { MeaningSpace } from '../../src/main/core/learn/meaning';
import type { VectorPart } from '../../src/main/core/learn/similarity';
import { similarityMatrix } from '../../src/main/core/learn/similarity';

/** Seeded points around `centres` directions, unit length: a known answer for clustering. */
function blobs(centres: number, perCentre: number, dimension: number, noise: number, seed = 1): { rows: Float32Array[]; labels: number[] } {
  let s = seed;
  const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const unit = (v: Float32Array) => {
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const means = Array.from({ length: centres }, () => unit(Float32Array.from({ length: dimension }, random)));
  const rows: Float32Array[] = [];
  const labels: number[] = [];
  means.forEach((m, c) => {
    for (let i = 0; i < perCentre; i++) {
      rows.push(unit(m.map((x) => x + noise * random())));
      labels.push(c);
    }
  });
  return { rows, labels };
}

/** Textbook average linkage, O(n³): the reference the fast one must agree with. */
function naiveAverageLinkage(rows: Float32Array[], threshold: number): number[][] {
  const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
  let groups = rows.map((_, i) => [i]);
  for (;;) {
    let best: [number, number, number] | null = null;
    for (let a = 0; a < groups.length; a++)
      for (let b = a + 1; b < groups.length; b++) {
        let sum = 0;
        for (const i of groups[a]!) for (const j of groups[b]!) sum += dot(rows[i]!, rows[j]!);
        const avg = sum / (groups[a]!.length * groups[b]!.length);
        if (avg >= threshold && (!best || avg > best[2])) best = [a, b, avg];
      }
    if (!best) return groups;
    groups = [...groups.filter((_, k) => k !== best![0] && k !== best![1]), [...groups[best[0]]!, ...groups[best[1]]!]];
  }
}

const canonical = (groups: number[][]) => groups.map((g) => [...g].sort((a, b) => a - b).join(',')).sort();

describe('average linkage', () => {
  it('finds the same groups as the textbook algorithm, cut at the threshold', () => {
    for (const [threshold, seed] of [
      [0.3, 1],
      [0.5, 2],
      [0.7, 3],
    ] as const) {
      const { rows } = blobs(5, 8, 16, 0.9, seed);
      const fast = averageLinkage(similarityMatrix([{ rows, weight: 1 }]), threshold);
      expect(canonical(fast)).toEqual(canonical(naiveAverageLinkage(rows, threshold)));
    }
  });

  it('keeps groups that start with several items apart or together by their weighted average', () => {
    // two units of 3 items each, and one single item close to neither
    const values = Float32Array.from([1, 0.6, 0.1, 0.6, 1, 0.1, 0.1, 0.1, 1]);
    expect(canonical(averageLinkage({ n: 3, values: Float32Array.from(values) }, 0.5, [3, 3, 1]))).toEqual(['0,1', '2']);
    expect(canonical(averageLinkage({ n: 3, values: Float32Array.from(values) }, 0.7, [3, 3, 1]))).toEqual(['0', '1', '2']);
  });
});

describe('grouping', () => {
  it('recovers well separated topics without being told how many, from the spread of random pairs', () => {
    const { rows, labels } = blobs(12, 20, 32, 0.2, 7);
    const parts: VectorPart[] = [{ rows, weight: 1 }];
    const groups = groupItems(parts).filter((g) => g.length >= 3);
    expect(groups).toHaveLength(12);
    for (const g of groups) expect(new Set(g.map((i) => labels[i])).size).toBe(1);
  });

  it('splits a large set into blocks and still finds topics that span blocks', () => {
    const { rows, labels } = blobs(20, Math.ceil((BLOCK * 1.5) / 20), 24, 0.2, 11);
    const parts: VectorPart[] = [{ rows, weight: 1 }];
    const groups = groupItems(parts, joinThreshold(parts)).filter((g) => g.length >= 3);
    expect(groups).toHaveLength(20);
    const purity =
      groups.reduce((n, g) => n + Math.max(...Array.from({ length: 20 }, (_, c) => g.filter((i) => labels[i] === c).length)), 0) /
      rows.length;
    expect(purity).toBeGreaterThan(0.98);
  }, 120_000);

  it('weighs meaning and words each by its own spread, so neither scale decides alone', () => {
    const texts = [
      'reset my password',
      'forgot my password',
      'where is my parcel',
      'parcel not arrived',
      'cancel subscription',
      'stop my subscription',
    ];
    const { rows } = blobs(3, 2, 8, 0.2, 5);
    const space = MeaningSpace.fit(texts.map((text, i) => ({ text, semantic: rows[i]! })));
    expect(space.hasMeaning).toBe(true);
    expect(space.semanticWeight + space.lexicalWeight).toBeCloseTo(1);
    expect(space.semanticWeight).toBeGreaterThan(0.1);
    expect(space.lexicalWeight).toBeGreaterThan(0.1);
    // with words alone (the built-in embedder), there is nothing to fuse
    const words = MeaningSpace.fit(texts.map((text) => ({ text, semantic: null })));
    expect(words.hasMeaning).toBe(false);
    expect(words.vector({ text: 'reset my password', semantic: null })).toHaveLength(512);
  });
});
