import type { DB } from '../db/open';
import type { Embedder } from '../embed/embedder';
import { referenceSignals, referenceTexts } from '../learn/reference';

/** Matches by meaning this many standard deviations above two random reference questions are results. */
const FLOOR_Z = 1.5;

const floors = new Map<string, number>();

/**
 * The similarity below which a match by meaning is noise, for one model: 1.5 standard deviations
 * above the similarity of random pairs of reference questions (see learn/reference.ts), which
 * each model places differently (a lexical cosine of 0.15 is a match, a sentence encoder's is not).
 * Measured once per model; the reference vectors are those the learning engine keeps, or, for a
 * model fast enough, embedded here.
 */
export async function meaningFloor(db: DB, model: string, embedder: Embedder): Promise<number> {
  const key = `${db.name}\0${model}`;
  const known = floors.get(key);
  if (known !== undefined) return known;
  const texts = referenceTexts().map((t) => t.question);
  const stored = model.startsWith('builtin/')
    ? []
    : (await referenceSignals(db, model, { embedMissing: false })).question.flatMap((s) => s.semantic ?? []);
  const vectors = stored.length === texts.length ? stored : await embedder.embed(texts, 'passage');
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let i = 0; i < vectors.length; i++)
    for (let j = i + 1; j < vectors.length; j += 7) {
      let s = 0;
      const a = vectors[i]!;
      const b = vectors[j]!;
      for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
      sum += s;
      sq += s * s;
      n++;
    }
  const mean = sum / Math.max(1, n);
  const floor = mean + FLOOR_Z * Math.sqrt(Math.max(0, sq / Math.max(1, n) - mean * mean));
  floors.set(key, floor);
  return floor;
}
