import { fitIdf, LexicalEmbedder } from '../embed/lexical';

/**
 * One meaning space for the learning engine: the workspace's stored vectors (by meaning) fused
 * with the built-in lexical signal (words, ids, product names, typos). Each signal is put in
 * units of its own spread over random pairs of the texts at hand, so a cosine of 0.5 means as
 * much whatever the model; then meaning weighs MEANING_WEIGHT and words the rest.
 */

/** How much meaning counts against words, in units of each signal's spread (see the eval). */
export const MEANING_WEIGHT = 0.7;

/** Rows of unit vectors (or zeros) and how much their cosine counts in the fused similarity. */
export interface VectorPart {
  rows: Float32Array[];
  weight: number;
}

/** A text and its stored vector by meaning (null when the workspace's index is the lexical one). */
export interface Signals {
  text: string;
  semantic: Float32Array | null;
}

const SAMPLE_PAIRS = 3000;

/** Standard deviation of the cosine over random pairs (a fixed seed, so runs repeat). */
export function pairSpread(rows: Float32Array[]): number {
  if (rows.length < 3) return 1;
  let seed = 0x9e3779b9;
  const next = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return seed % rows.length;
  };
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let k = 0; k < SAMPLE_PAIRS; k++) {
    const i = next();
    const j = next();
    if (i === j) continue;
    const s = dot(rows[i]!, rows[j]!);
    sum += s;
    sq += s * s;
    n++;
  }
  const mean = sum / Math.max(1, n);
  return Math.sqrt(Math.max(1e-6, sq / Math.max(1, n) - mean * mean));
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s0 = 0;
  let s1 = 0;
  const n = a.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
  }
  if (i < n) s0 += a[i]! * b[i]!;
  return s0 + s1;
}

function unit(v: Float32Array): Float32Array {
  const norm = Math.sqrt(dot(v, v));
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

/**
 * The fitted space: the centre of the vectors by meaning (sentence vectors share a common
 * direction that says nothing about the topic), the lexical IDF, and the weights.
 */
export class MeaningSpace {
  private constructor(
    private readonly centre: Float32Array | null,
    private readonly lexical: LexicalEmbedder,
    readonly semanticWeight: number,
    readonly lexicalWeight: number,
  ) {}

  /**
   * Fitted on the texts at hand (and their vectors by meaning, when the workspace has them),
   * with reference texts about other matters mixed in (see reference.ts).
   */
  static fit(texts: Signals[], reference: Signals[] = []): MeaningSpace {
    const samples = [...texts, ...reference];
    const lexical = new LexicalEmbedder(fitIdf(samples.map((s) => s.text)));
    const semantic = samples.map((s) => s.semantic).filter((v): v is Float32Array => v !== null);
    // a few texts the index has not reached yet rely on words alone; mostly unindexed texts, all of them do
    if (!semantic.length || semantic.length < samples.length / 2) return new MeaningSpace(null, lexical, 0, 1);
    const centre = new Float32Array(semantic[0]!.length);
    for (const v of semantic) for (let i = 0; i < v.length; i++) centre[i]! += v[i]! / semantic.length;
    const space = new MeaningSpace(centre, lexical, 1, 1);
    const sem = pairSpread(samples.flatMap((s) => space.semanticOf(s) ?? []));
    const lex = pairSpread(samples.map((s) => space.lexicalOf(s)));
    const a = MEANING_WEIGHT / sem;
    const b = (1 - MEANING_WEIGHT) / lex;
    return new MeaningSpace(centre, lexical, a / (a + b), b / (a + b));
  }

  /** Whether the space fuses vectors by meaning (false: words alone, with the built-in embedder). */
  get hasMeaning(): boolean {
    return this.centre !== null;
  }

  semanticOf(s: Signals): Float32Array | null {
    if (!this.centre || !s.semantic) return null;
    const v = new Float32Array(s.semantic.length);
    for (let i = 0; i < v.length; i++) v[i] = s.semantic[i]! - this.centre[i]!;
    return unit(v);
  }

  lexicalOf(s: Signals): Float32Array {
    return this.lexical.embedOne(s.text);
  }

  /** The parts whose weighted cosines make the fused similarity of these texts. */
  parts(items: Signals[], scale = 1): VectorPart[] {
    const lexical: VectorPart = { rows: items.map((s) => this.lexicalOf(s)), weight: this.lexicalWeight * scale };
    if (!this.hasMeaning) return [lexical];
    return [{ rows: items.map((s) => this.semanticOf(s) ?? new Float32Array(this.centre!.length)), weight: this.semanticWeight * scale }, lexical];
  }

  /**
   * One fused vector: the parts side by side, each scaled by the root of its weight, so a dot
   * product is the fused similarity. A text without a vector by meaning has zeros there.
   */
  vector(s: Signals): Float32Array {
    const lex = this.lexicalOf(s);
    if (!this.centre) return lex;
    const sem = this.semanticOf(s);
    const out = new Float32Array(this.centre.length + lex.length);
    const a = Math.sqrt(this.semanticWeight);
    const b = Math.sqrt(this.lexicalWeight);
    sem?.forEach((x, i) => (out[i] = a * x));
    lex.forEach((x, i) => (out[this.centre!.length + i] = b * x));
    return out;
  }
}
