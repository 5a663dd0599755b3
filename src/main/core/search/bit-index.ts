import type { DB } from '../db/open';
import type { Scope } from './vectors';

/** Sign bits of a vector, packed as sqlite-vec's vec_quantize_binary packs them (bit i = v[i] > 0). */
export function signBits(vector: Float32Array): Uint32Array {
  const words = new Uint32Array(Math.ceil(vector.length / 32));
  for (let i = 0; i < vector.length; i++) if (vector[i]! > 0) words[i >>> 5]! |= 1 << (i & 31);
  return words;
}

/**
 * An in-memory copy of one model's sign bits (read from its sqlite-vec bit table), scanned
 * in one linear pass: Hamming distances, then a counting sort picks the closest candidates.
 * Much faster than a top-k heap for the few hundred candidates exact re-ranking needs.
 */
export class BitIndex {
  private ids = new Int32Array(1024);
  private scopes = new Uint8Array(1024);
  private codes: Uint32Array;
  private size = 0;
  private lastRowid = 0;
  private readonly words: number;
  private distances = new Uint16Array(0);

  constructor(
    private readonly table: string,
    private readonly dimension: number,
  ) {
    this.words = Math.ceil(dimension / 32);
    this.codes = new Uint32Array(1024 * this.words);
  }

  /** Reads the rows added since the last call (ids only grow; replaced vectors get new ids). */
  refresh(db: DB): void {
    // the sign-bit table has no cheap range scan: look first whether anything was added at all
    const newest = (db.prepare('SELECT max(id) FROM embeddings').pluck().get() as number | null) ?? 0;
    if (newest <= this.lastRowid) return;
    const rows = db
      .prepare(`SELECT rowid, scope, embedding FROM ${this.table} WHERE rowid > ? ORDER BY rowid`)
      .raw()
      .iterate(this.lastRowid) as Iterable<[number, string, Buffer]>;
    for (const [rowid, scope, bits] of rows) {
      if (this.size === this.ids.length) this.grow();
      this.ids[this.size] = rowid;
      this.scopes[this.size] = scope === 'article' ? 1 : 0;
      const view = new Uint8Array(this.codes.buffer, this.size * this.words * 4, this.words * 4);
      view.set(bits.subarray(0, this.words * 4));
      this.size++;
    }
    this.lastRowid = newest;
  }

  /** Ids of about `count` vectors nearest to `query` by Hamming distance, within a scope. */
  candidates(query: Uint32Array, scope: Scope, count: number): number[] {
    const want = scope === 'article' ? 1 : 0;
    if (this.distances.length < this.size) this.distances = new Uint16Array(this.ids.length);
    const distances = this.distances;
    const histogram = new Uint32Array(this.dimension + 2);
    const w = this.words;
    for (let i = 0; i < this.size; i++) {
      if (this.scopes[i] !== want) {
        distances[i] = this.dimension + 1;
        continue;
      }
      let d = 0;
      const codes = this.codes;
      for (let j = 0, o = i * w; j < w; j++) {
        let x = (codes[o + j]! ^ query[j]!) >>> 0;
        x -= (x >>> 1) & 0x55555555;
        x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
        d += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
      }
      distances[i] = d;
      histogram[d]!++;
    }
    let threshold = 0;
    for (let seen = 0; threshold <= this.dimension && seen + histogram[threshold]! < count; threshold++) seen += histogram[threshold]!;
    const out: number[] = [];
    for (let i = 0; i < this.size && out.length < count; i++) if (distances[i]! < threshold) out.push(this.ids[i]!);
    for (let i = 0; i < this.size && out.length < count; i++) if (distances[i] === threshold) out.push(this.ids[i]!);
    return out;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    const ids = new Int32Array(n);
    ids.set(this.ids);
    const scopes = new Uint8Array(n);
    scopes.set(this.scopes);
    const codes = new Uint32Array(n * this.words);
    codes.set(this.codes);
    [this.ids, this.scopes, this.codes] = [ids, scopes, codes];
  }
}

const indexes = new Map<string, BitIndex>();

/** The bit index of a model's table in a database file, kept across searches. */
export function bitIndexFor(db: DB, table: string, dimension: number): BitIndex {
  const key = `${db.name}#${table}`;
  let index = indexes.get(key);
  if (!index) {
    index = new BitIndex(table, dimension);
    indexes.set(key, index);
  }
  index.refresh(db);
  return index;
}
