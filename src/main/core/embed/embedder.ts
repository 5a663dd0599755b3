/** Queries and passages may be embedded differently (e5 and bge models use prefixes). */
export type EmbedKind = 'query' | 'passage';

/** Turns texts into L2-normalized vectors of one fixed dimension. */
export interface Embedder {
  /** Stable id stored with every vector: provider, model and anything else that changes the vectors. */
  readonly id: string;
  readonly dimension: number;
  embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]>;
}

export function l2normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}
