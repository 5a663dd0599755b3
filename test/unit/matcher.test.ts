import { describe, expect, it } from 'vitest';
import { ANSWER_Z, KnowledgeMatcher } from '../../src/main/core/learn/matcher';
import type { Signals } from '../../src/main/core/learn/meaning';
import { dot, Probe } from '../../src/main/core/learn/similarity';

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

/** Questions by id, and a way to add one along some axes; unrelated questions (axes 18+) already fill the workspace. */
function workspace() {
  const signals = new Map<number, Signals>();
  let id = 0;
  const add = (weights: [number, number][], words: string) => {
    signals.set(id, { text: `${words} t${id}`, semantic: along(weights, id + 1) });
    return id++;
  };
  for (let k = 0; k < 60; k++) add([[18 + (k % (D - 18)), 1]], `w${18 + k}`);
  return { add, signals };
}

describe('the knowledge matcher', () => {
  it('finds an article asked in one of its many phrasings even when a dozen narrower ones sit closer to its centre', () => {
    // the article's tickets ask in six ways (axes 0–5); twelve narrower articles each share some of phrasing 0 (axis 0)
    // with a matter of their own (axes 6–17)
    const { add, signals } = workspace();
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
    const question = add([[0, 1]], 'w0');
    const entries = [{ id: 0, evidence: broad, text: '' }, ...narrow.map((evidence, k) => ({ id: k + 1, evidence, text: '' }))];
    const matcher = KnowledgeMatcher.fromSignals(entries, signals, []);
    const best = matcher.best({ ticketId: question, text: signals.get(question)!.text });
    expect(best?.entry.id).toBe(0);
    // answered by it or not at all, never by a narrower article
    expect(matcher.match({ ticketId: question, text: signals.get(question)!.text })?.entry.id ?? 0).toBe(0);
  });

  it('answers for an article whose questions are worded far apart when a question is as close to them as they are to each other', () => {
    const { add, signals } = workspace();
    const broad = [0, 1, 2, 3, 4, 5].flatMap((axis) => [0, 1, 2].map(() => add([[axis, 1]], `w${axis}`)));
    const question = add([[0, 1]], 'w0');
    // partly the article's phrasing 0, mostly a matter of its own: further off than its questions stand from each other
    const partly = add(
      [
        [0, 0.45],
        [D - 2, 0.9],
      ],
      `w0 w${D - 2}`,
    );
    const unrelated = add([[D - 1, 1]], `w${D - 1}`);
    const matcher = KnowledgeMatcher.fromSignals([{ id: 0, evidence: broad, text: '' }], signals, []);
    expect(matcher.match({ ticketId: question, text: signals.get(question)!.text })?.entry.id).toBe(0);
    expect(matcher.best({ ticketId: partly, text: signals.get(partly)!.text })?.confidence).toBeGreaterThan(ANSWER_Z);
    expect(matcher.match({ ticketId: partly, text: signals.get(partly)!.text })).toBeNull();
    expect(matcher.match({ ticketId: unrelated, text: signals.get(unrelated)!.text })).toBeNull();
  });

  it('answers from the usual confidence for an article whose questions are worded alike', () => {
    const { add, signals } = workspace();
    const tight = [0, 1, 2, 3, 4, 5].map(() => add([[0, 1]], 'w0'));
    // between the article's matter and another: further from its tickets than they are from each other
    const between = add(
      [
        [0, 0.3],
        [1, 0.95],
      ],
      'w1',
    );
    const matcher = KnowledgeMatcher.fromSignals([{ id: 0, evidence: tight, text: '' }], signals, []);
    const best = matcher.best({ ticketId: between, text: signals.get(between)!.text });
    expect(best?.entry.id).toBe(0);
    expect(best!.confidence).toBeGreaterThan(0);
    expect(best!.confidence).toBeLessThan(ANSWER_Z);
    expect(matcher.match({ ticketId: between, text: signals.get(between)!.text })).toBeNull();
    // worded a little differently (a typo): less alike than the article's identical questions, but surely its topic
    const typo = add(
      [
        [0, 0.9],
        [2, 0.44],
      ],
      'w0 w2',
    );
    expect(matcher.match({ ticketId: typo, text: signals.get(typo)!.text })?.entry.id).toBe(0);
  });

  it('does not answer from an article whose questions are no more alike than random ones (one stock answer to anything)', () => {
    const { add, signals } = workspace();
    const anything = [20, 30, 40, 50, 60, 70, 80, 90].map((axis) => add([[axis, 1]], `w${axis}`));
    const question = add([[25, 1]], 'w25');
    const matcher = KnowledgeMatcher.fromSignals([{ id: 0, evidence: anything, text: '' }], signals, []);
    expect(matcher.best({ ticketId: question, text: signals.get(question)!.text })?.entry.id).toBe(0);
    expect(matcher.match({ ticketId: question, text: signals.get(question)!.text })).toBeNull();
  });
});

describe('a question probed against many rows', () => {
  it('gives the very sums of a plain dot product, reading only where the question is not zero', () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
    for (const length of [1, 2, 7, 64, 513, 1024]) {
      for (const density of [0, 0.05, 0.3, 1]) {
        // zeros in stretches and alone, starting at odd and even places
        const question = Float32Array.from({ length }, (_, i) =>
          (density < 1 && i % 9 < 3) || Math.abs(random()) > density ? 0 : random(),
        );
        const probe = new Probe(question);
        for (let r = 0; r < 5; r++) {
          const row = Float32Array.from({ length }, random);
          expect(probe.dot(row)).toBe(dot(question, row));
        }
      }
    }
  });
});
