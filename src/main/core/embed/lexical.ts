import { createHash } from 'node:crypto';
import { l2normalize, type Embedder } from './embedder';

export const LEXICAL_DIMENSION = 512;
/** Document frequencies are counted in a larger hash space than the vectors, to keep IDF sharp. */
const DF_BUCKETS = 1 << 18;

const STOPWORDS = new Set(
  `a an and are as at be but by can could do does for from had has have hi hello hey how i i'm if in into is it its just me my
   of on or our please pls so that the their them then there these they this to too us was we were what when where which who
   why will with would you your yours thanks thank cheers regards best der die das und ist ich nicht ein eine el la los las de
   que y en un una es le les et je pas`.split(/\s+/),
);

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Lower case, accents dropped, split into words of letters and digits. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * Features of a text with their weights: words, pairs of neighbouring words, and character
 * trigrams of each word (which keep a typo close to the word it mangles).
 */
function features(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (feature: string, weight: number) => out.set(feature, (out.get(feature) ?? 0) + weight);
  const tokens = words(text);
  tokens.forEach((word, i) => {
    const stop = STOPWORDS.has(word);
    add(`w:${word}`, stop ? 0.15 : 1);
    if (i > 0 && !stop && !STOPWORDS.has(tokens[i - 1]!)) add(`b:${tokens[i - 1]} ${word}`, 0.6);
    if (!stop && word.length >= 4) {
      const padded = `#${word}#`;
      const grams = padded.length - 2;
      for (let j = 0; j < grams; j++) add(`c:${padded.slice(j, j + 3)}`, 0.8 / grams);
    }
  });
  return out;
}

/**
 * The built-in embedder: signed feature hashing of words, word pairs and character trigrams,
 * sublinear term frequency times IDF (fitted on the workspace's own texts), L2-normalized.
 * Needs no model, no network, and embeds thousands of texts a second.
 */
export class LexicalEmbedder implements Embedder {
  readonly dimension = LEXICAL_DIMENSION;
  readonly id: string;

  /** `idf` per document-frequency bucket, from `fitIdf`; without it every feature weighs the same. */
  constructor(private readonly idf: Float32Array | null = null) {
    const fit = idf
      ? createHash('sha1')
          .update(new Uint8Array(idf.buffer, idf.byteOffset, idf.byteLength))
          .digest('hex')
          .slice(0, 8)
      : 'plain';
    this.id = `builtin/lexical-v1@${fit}`;
  }

  embedOne(text: string): Float32Array {
    return this.embedHashed(hashedFeatures(text));
  }

  /** The vector of a text whose features were hashed already (see `hashedFeatures`). */
  embedHashed(f: HashedFeatures): Float32Array {
    const vector = new Float32Array(this.dimension);
    for (let i = 0; i < f.hash.length; i++) {
      const h = f.hash[i]!;
      const weight = f.weight[i]!;
      const idf = this.idf ? this.idf[h % DF_BUCKETS]! : 1;
      vector[h % this.dimension]! += f.sign[i]! * (1 + Math.log(weight > 1 ? weight : 1)) * Math.min(weight, 1) * idf;
    }
    return l2normalize(vector);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }
}

/** A text's features hashed once, in order: what fitting IDF and embedding both read, so a text fitted and embedded is read once. */
export interface HashedFeatures {
  hash: Uint32Array;
  sign: Int8Array;
  weight: Float64Array;
}

export function hashedFeatures(text: string): HashedFeatures {
  const all = features(text);
  const f: HashedFeatures = { hash: new Uint32Array(all.size), sign: new Int8Array(all.size), weight: new Float64Array(all.size) };
  let i = 0;
  for (const [feature, weight] of all) {
    f.hash[i] = fnv1a(feature);
    f.sign[i] = (fnv1a(`s${feature}`) & 1) === 0 ? 1 : -1;
    f.weight[i++] = weight;
  }
  return f;
}

/** Inverse document frequencies over a corpus, for `LexicalEmbedder`. */
export function fitIdf(texts: Iterable<string>): Float32Array {
  return fitIdfHashed(
    (function* () {
      for (const text of texts) yield Uint32Array.from(features(text).keys(), fnv1a);
    })(),
  );
}

/** The same from each text's feature hashes. */
export function fitIdfHashed(hashes: Iterable<Uint32Array>): Float32Array {
  const df = new Uint32Array(DF_BUCKETS);
  let n = 0;
  for (const list of hashes) {
    n++;
    const seen = new Set<number>();
    for (const h of list) seen.add(h % DF_BUCKETS);
    for (const bucket of seen) df[bucket]!++;
  }
  const idf = new Float32Array(DF_BUCKETS);
  for (let i = 0; i < DF_BUCKETS; i++) idf[i] = Math.log((n + 1) / (df[i]! + 1)) + 1;
  return idf;
}
