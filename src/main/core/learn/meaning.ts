import { fitIdfHashed, hashedFeatures, LexicalEmbedder, type HashedFeatures } from '../embed/lexical';
import { backgroundOfParts, dot, type VectorPart } from './similarity';

/**
 * One meaning space for the learning engine: the workspace's stored vectors (by meaning) fused
 * with the built-in lexical signal (words, ids, product names, typos). Each signal is put in
 * units of its own spread over random pairs of the texts at hand, so a cosine of 0.5 means as
 * much whatever the model; then meaning weighs MEANING_WEIGHT and words the rest.
 */

/** How much meaning counts against words, in units of each signal's spread (see the eval). */
export const MEANING_WEIGHT = 0.7;

/** A text and its stored vector by meaning (null when the workspace's index is the lexical one). */
export interface Signals {
  text: string;
  semantic: Float32Array | null;
  /** A question of several sentences: each on its own (see `questionSentences`), for matching. */
  sentences?: Signals[];
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
    /** Each text's lexical vector, computed once: fitting and every part use them (nothing writes into them). */
    private readonly lexicalMemo = new Map<string, Float32Array>(),
  ) {}

  /**
   * Fitted on the texts at hand (and their vectors by meaning, when the workspace has them),
   * with reference texts about other matters mixed in (see reference.ts).
   */
  static fit(texts: Signals[], reference: Signals[] = []): MeaningSpace {
    const samples = [...texts, ...reference];
    // each distinct text is read once, for the IDF and for its vector
    const hashed = new Map<string, HashedFeatures>();
    for (const s of samples) if (!hashed.has(s.text)) hashed.set(s.text, hashedFeatures(s.text));
    const lexical = new LexicalEmbedder(fitIdfHashed(samples.map((s) => hashed.get(s.text)!.hash)));
    const memo = new Map([...hashed].map(([text, f]) => [text, lexical.embedHashed(f)] as const));
    const semantic = samples.map((s) => s.semantic).filter((v): v is Float32Array => v !== null);
    // a few texts the index has not reached yet rely on words alone; mostly unindexed texts, all of them do
    if (!semantic.length || semantic.length < samples.length / 2) return new MeaningSpace(null, lexical, 0, 1, memo);
    const centre = new Float32Array(semantic[0]!.length);
    for (const v of semantic) for (let i = 0; i < v.length; i++) centre[i]! += v[i]! / semantic.length;
    const space = new MeaningSpace(centre, lexical, 1, 1, memo);
    const spread = (rows: Float32Array[]) => backgroundOfParts([{ rows, weight: 1 }]).sd;
    const sem = spread(samples.flatMap((s) => space.semanticOf(s) ?? []));
    const lex = spread(samples.map((s) => space.lexicalOf(s)));
    const a = MEANING_WEIGHT / sem;
    const b = (1 - MEANING_WEIGHT) / lex;
    return new MeaningSpace(centre, lexical, a / (a + b), b / (a + b), memo);
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
    let v = this.lexicalMemo.get(s.text);
    if (!v) this.lexicalMemo.set(s.text, (v = this.lexical.embedOne(s.text)));
    return v;
  }

  /** The parts whose weighted cosines make the fused similarity of these texts. */
  parts(items: Signals[], scale = 1): VectorPart[] {
    const lexical: VectorPart = { rows: items.map((s) => this.lexicalOf(s)), weight: this.lexicalWeight * scale };
    if (!this.hasMeaning) return [lexical];
    return [
      { rows: items.map((s) => this.semanticOf(s) ?? new Float32Array(this.centre!.length)), weight: this.semanticWeight * scale },
      lexical,
    ];
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
