/**
 * Dense n×n similarity matrices for grouping: the weighted sum of each part's cosines. Lexical
 * vectors are mostly zeros, so their products are taken from the non-zero entries only.
 */

/** Rows of unit vectors (or zeros) and how much their cosine counts in the fused similarity. */
export interface VectorPart {
  rows: Float32Array[];
  weight: number;
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

/**
 * A vector to take many dot products with, read only where it is not zero (a fused vector's
 * lexical half mostly is). The sums are those of `dot`, term for term: even and odd entries add up
 * apart, in order, and a skipped term is a zero that would have added nothing.
 */
export class Probe {
  /** [start, end) pairs of the stretches to read; gaps of a few zeros are read through. */
  private readonly runs: Int32Array;

  constructor(readonly vector: Float32Array) {
    const runs: number[] = [];
    for (let i = 0; i < vector.length; i++) {
      if (vector[i] === 0) continue;
      if (runs.length && i - runs[runs.length - 1]! < 4) runs[runs.length - 1] = i + 1;
      else runs.push(i, i + 1);
    }
    this.runs = Int32Array.from(runs);
  }

  dot(row: Float32Array): number {
    const v = this.vector;
    const runs = this.runs;
    let s0 = 0;
    let s1 = 0;
    for (let r = 0; r < runs.length; r += 2) {
      let i = runs[r]!;
      const end = runs[r + 1]!;
      if (i & 1) s1 += v[i]! * row[i++]!;
      for (; i + 1 < end; i += 2) {
        s0 += v[i]! * row[i]!;
        s1 += v[i + 1]! * row[i + 1]!;
      }
      if (i < end) s0 += v[i]! * row[i]!;
    }
    return s0 + s1;
  }
}

/** A symmetric n×n matrix in one Float32Array (row-major); 5,000 items take 100 MB. */
export interface SimilarityMatrix {
  n: number;
  values: Float32Array;
}

function isSparse(rows: Float32Array[]): boolean {
  if (!rows.length) return false;
  let nonZero = 0;
  const sample = rows.slice(0, 200);
  for (const r of sample) for (const x of r) if (x !== 0) nonZero++;
  return nonZero / (sample.length * rows[0]!.length) < 0.25;
}

function addDense(out: Float32Array, n: number, rows: Float32Array[], weight: number): void {
  const d = rows[0]!.length;
  for (let i = 0; i < n; i++) {
    const a = rows[i]!;
    for (let j = i; j < n; j++) {
      const b = rows[j]!;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k + 3 < d; k += 4) {
        s0 += a[k]! * b[k]!;
        s1 += a[k + 1]! * b[k + 1]!;
        s2 += a[k + 2]! * b[k + 2]!;
        s3 += a[k + 3]! * b[k + 3]!;
      }
      for (; k < d; k++) s0 += a[k]! * b[k]!;
      const s = weight * (s0 + s1 + s2 + s3);
      out[i * n + j]! += s;
      if (j !== i) out[j * n + i]! += s;
    }
  }
}

function addSparse(out: Float32Array, n: number, rows: Float32Array[], weight: number): void {
  const d = rows[0]!.length;
  // columns of the matrix, so each non-zero entry of a row meets all later rows in one sweep
  const columns = new Float32Array(d * n);
  const entries: { index: Int32Array; value: Float32Array }[] = rows.map((r, i) => {
    const index: number[] = [];
    for (let f = 0; f < d; f++)
      if (r[f] !== 0) {
        index.push(f);
        columns[f * n + i] = r[f]!;
      }
    return { index: Int32Array.from(index), value: Float32Array.from(index, (f) => r[f]!) };
  });
  const acc = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    acc.fill(0, i);
    const { index, value } = entries[i]!;
    for (let e = 0; e < index.length; e++) {
      const base = index[e]! * n;
      const v = value[e]!;
      for (let j = i; j < n; j++) acc[j]! += v * columns[base + j]!;
    }
    for (let j = i; j < n; j++) {
      const s = weight * acc[j]!;
      out[i * n + j]! += s;
      if (j !== i) out[j * n + i]! += s;
    }
  }
}

/** The fused similarities of n items given as parts (each part's rows in the same item order). */
export function similarityMatrix(parts: VectorPart[]): SimilarityMatrix {
  const n = parts[0]?.rows.length ?? 0;
  const values = new Float32Array(n * n);
  for (const part of parts) {
    if (!n || part.weight === 0) continue;
    (isSparse(part.rows) ? addSparse : addDense)(values, n, part.rows, part.weight);
  }
  return { n, values };
}

/**
 * Mean and standard deviation of the fused similarity of distinct random pairs (a fixed seed);
 * with `against`, of one item's `parts` and another's `against` (a question and an answer).
 */
export function backgroundOfParts(parts: VectorPart[], samples = 6000, against = parts): { mean: number; sd: number } {
  const n = parts[0]?.rows.length ?? 0;
  if (n < 2) return { mean: 0, sd: 1 };
  let seed = 0x6a09e667;
  const next = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x1f83d9ab) >>> 0;
    return seed % n;
  };
  let sum = 0;
  let sq = 0;
  let count = 0;
  for (let k = 0; k < samples; k++) {
    const i = next();
    const j = next();
    if (i === j) continue;
    let s = 0;
    parts.forEach((p, k) => (s += p.weight * dot(p.rows[i]!, against[k]!.rows[j]!)));
    sum += s;
    sq += s * s;
    count++;
  }
  const mean = sum / Math.max(1, count);
  return { mean, sd: Math.sqrt(Math.max(1e-9, sq / Math.max(1, count) - mean * mean)) };
}
