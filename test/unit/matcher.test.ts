import { describe, expect, it } from 'vitest';
import { KnowledgeMatcher } from '../../src/main/core/learn/matcher';
import type { Signals } from '../../src/main/core/learn/meaning';

const D = 96;

/** A unit vector along the given axes with the given weights, with a little deterministic noise. */
function along(weights: [number, number][], seed: number): Float32Array {
  const v = new Float32Array(D);
  let state = seed * 2654435761;
  for (let i = 0; i < D; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    v[i] = (state / 2 ** 32 - 0.5) * 0.04;
  }
  for (const [axis, w] of weights) v[axis]! += w;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

describe('the knowledge matcher', () => {
  it('finds an article asked in one of its many phrasings even when a dozen narrower ones sit closer to its centre', () => {
    // the article's tickets ask in six ways (axes 0–5); twelve narrower articles each share some of phrasing 0 (axis 0)
    // with a matter of their own (axes 6–17); unrelated questions (axes 18+) fill the workspace
    const signals = new Map<number, Signals>();
    let id = 0;
    const add = (weights: [number, number][], words: string) => {
      signals.set(id, { text: `${words} t${id}`, semantic: along(weights, id + 1) });
      return id++;
    };
    const broad = [0, 1, 2, 3, 4, 5].flatMap((axis) => [0, 1, 2].map(() => add([[axis, 1]], `w${axis}`)));
    const narrow = Array.from({ length: 12 }, (_, k) =>
      [0, 1, 2].map(() =>
        add(
          [
            [0, 0.5],
            [6 + k, 0.87],
          ],
          `w0 w${6 + k}`,
        ),
      ),
    );
    for (let k = 0; k < 60; k++) add([[18 + (k % (D - 18)), 1]], `w${18 + k}`);
    const question = add([[0, 1]], 'w0');
    const entries = [
      { id: 0, evidence: broad, text: '' },
      ...narrow.map((evidence, k) => ({ id: k + 1, evidence, text: '' })),
    ];
    const matcher = KnowledgeMatcher.fromSignals(entries, signals, []);
    const best = matcher.best({ ticketId: question, text: signals.get(question)!.text });
    expect(best?.entry.id).toBe(0);
    // answered by it or not at all, never by a narrower article
    expect(matcher.match({ ticketId: question, text: signals.get(question)!.text })?.entry.id ?? 0).toBe(0);
  });
});
