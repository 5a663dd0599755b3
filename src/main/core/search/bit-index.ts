import type { DB } from '../db/open';
import type { Scope } from './vectors';

/** Sign bits of a vector, packed as sqlite-vec's vec_quantize_binary packs them (bit i = v[i] > 0). */
export function signBits(vector: Float32Array): Uint32Array {
  const words = new Uint32Array(Math.ceil(vector.length / 32));
  for (let i = 0; i < vector.length; i++) if (vector[i]! > 0) words[i >>> 5]! |= 1 << (i & 31);
  return words;
}

/** Words of each code read by the first cut of a large index (128 bits). */
const PREFIX_WORDS = 4;
/** Rows the first cut keeps per candidate wanted: generous, so the whole-code ranking decides. */
const PREFIX_KEEP = 25;

/** The sum of the four byte counts packed in a 32-bit word. */
function foldBytes(sum: number): number {
  const pairs = (sum & 0x00ff00ff) + ((sum >>> 8) & 0x00ff00ff);
  return (pairs & 0xffff) + (pairs >>> 16);
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
  private readonly scopeRows = new Map<Scope, Int32Array>();
  private readonly words: number;

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
    this.scopeRows.clear();
  }

  /**
   * Ids of about `count` vectors nearest to `query` by Hamming distance, within a scope. A large
   * index is first cut by the distance over the codes' first words (a few times cheaper than the
   * whole code); the rows that survive the cut are then ranked by the whole code.
   */
  candidates(query: Uint32Array, scope: Scope, count: number): number[] {
    const prefix = Math.min(PREFIX_WORDS, this.words);
    const cut = prefix < this.words && this.size > count * PREFIX_KEEP * 2;
    let rows = this.rowsOf(scope);
    if (cut) rows = this.closest(rows, this.distances(query, prefix, rows), prefix * 32, count * PREFIX_KEEP);
    return Array.from(this.closest(rows, this.distances(query, this.words, rows), this.dimension, count), (row) => this.ids[row]!);
  }

  /** How many vectors a scope holds. */
  sizeOf(scope: Scope): number {
    return this.rowsOf(scope).length;
  }

  /** The row numbers of a scope, kept until rows are added. */
  private rowsOf(scope: Scope): Int32Array {
    let rows = this.scopeRows.get(scope);
    if (!rows) {
      const want = scope === 'article' ? 1 : 0;
      rows = new Int32Array(this.size);
      let n = 0;
      for (let i = 0; i < this.size; i++) if (this.scopes[i] === want) rows[n++] = i;
      rows = rows.slice(0, n);
      this.scopeRows.set(scope, rows);
    }
    return rows;
  }

  /**
   * Hamming distances over the codes' first `words` words, for the given rows. Bit counts are
   * summed per byte across a block of 16 words (8 × 16 fits a byte), then folded.
   */
  private distances(query: Uint32Array, words: number, rows: Int32Array): Uint16Array {
    const distances = new Uint16Array(rows.length);
    const codes = new Int32Array(this.codes.buffer, 0, this.size * this.words);
    const q = new Int32Array(query.buffer, query.byteOffset, words);
    const w = this.words;
    for (let r = 0; r < rows.length; r++) {
      const offset = rows[r]! * w;
      let distance = 0;
      let sum = 0;
      for (let j = 0; j < words; j++) {
        let x = codes[offset + j]! ^ q[j]!;
        x -= (x >>> 1) & 0x55555555;
        x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
        sum += (x + (x >>> 4)) & 0x0f0f0f0f;
        if ((j & 15) === 15) {
          distance += foldBytes(sum);
          sum = 0;
        }
      }
      distances[r] = distance + foldBytes(sum);
    }
    return distances;
  }

  /** The `count` rows of smallest distance (ties at the boundary in row order), by a counting sort. */
  private closest(rows: Int32Array, distances: Uint16Array, maxDistance: number, count: number): Int32Array {
    if (rows.length <= count) return rows;
    const histogram = new Uint32Array(maxDistance + 2);
    for (let r = 0; r < rows.length; r++) histogram[distances[r]!]!++;
    let threshold = 0;
    for (let seen = 0; threshold <= maxDistance && seen + histogram[threshold]! < count; threshold++) seen += histogram[threshold]!;
    const out = new Int32Array(count);
    let n = 0;
    for (let r = 0; r < rows.length && n < count; r++) if (distances[r]! < threshold) out[n++] = rows[r]!;
    for (let r = 0; r < rows.length && n < count; r++) if (distances[r] === threshold) out[n++] = rows[r]!;
    return out.subarray(0, n);
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
