import { describe, expect, it } from 'vitest';
import { separationChance } from '../../src/main/core/learn/answer-split';

/** A symmetric similarity matrix from a rule on item indices. */
function matrix(n: number, similarity: (i: number, j: number) => number) {
  const values = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values[i * n + j] = i === j ? 1 : similarity(Math.min(i, j), Math.max(i, j));
  return { n, values };
}

/** A fixed stream of numbers in [0, 1), to make noise that repeats from run to run. */
function noise(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('the chance that questions tell two answers apart by luck (a permutation test)', () => {
  it('is small when each side is more alike within than between', () => {
    const next = noise(7);
    const table = Array.from({ length: 20 * 20 }, () => next());
    // items 0–9 and 10–19 are two questions asked in several ways
    const m = matrix(20, (i, j) => (i < 10 === j < 10 ? 0.5 : 0.3) + 0.2 * table[i * 20 + j]!);
    expect(separationChance(m, 10)).toBeLessThan(0.01);
  });

  it('is large when the sides are drawn across one question asked in several ways', () => {
    const next = noise(11);
    const table = Array.from({ length: 20 * 20 }, () => next());
    const m = matrix(20, (i, j) => 0.4 + 0.2 * table[i * 20 + j]!);
    expect(separationChance(m, 10)).toBeGreaterThan(0.05);
  });

  it('is small when the second side holds two questions, one asked almost as the first side asks', () => {
    const next = noise(5);
    const table = Array.from({ length: 30 * 30 }, () => next());
    // items 0–9 ask why a top-up was reverted, 10–19 why one failed (asked much the same way),
    // 20–29 why one is pending; the second side holds failed and pending: on average no more alike
    // within than the sides are between, but each question's nearest are its own
    const question = (i: number) => Math.floor(i / 10);
    const similarity = (i: number, j: number) => (question(i) === question(j) ? 0.5 : question(i) + question(j) === 1 ? 0.48 : 0.3);
    const m = matrix(30, (i, j) => similarity(i, j) + 0.2 * (table[i * 30 + j]! - 0.5));
    expect(separationChance(m, 10)).toBeLessThan(0.01);
  });

  it('gives the same answer every time, and stops counting once the chance is sure to be large', () => {
    const m = matrix(12, () => 0.5);
    // identical similarities: every relabelling is as far apart as the sides given
    expect(separationChance(m, 6)).toBe(1);
    const early = separationChance(m, 6, 0.01);
    expect(early).toBeGreaterThanOrEqual(0.01);
    const next = noise(3);
    const table = Array.from({ length: 16 * 16 }, () => next());
    const m2 = () => matrix(16, (i, j) => (i < 5 === j < 5 ? 0.45 : 0.4) + 0.2 * table[i * 16 + j]!);
    expect(separationChance(m2(), 5)).toBe(separationChance(m2(), 5));
  });
});
