import { nowIso, type DB } from '../db/open';
import { bitIndexFor, signBits } from './bit-index';
import { inTransaction } from '../db/transaction';

export type EmbeddingKind = 'question' | 'reply' | 'article';
/** Tickets and articles are searched separately: each is a partition of the vector tables. */
export type Scope = 'ticket' | 'article';

export const scopeOf = (kind: EmbeddingKind): Scope => (kind === 'article' ? 'article' : 'ticket');

/**
 * The vectors that count as indexed texts and that search ranks: a ticket's question and reply,
 * and each chunk of an article. The sentences a question also keeps (chunks from 1 on) are part of
 * its question, read by ticket for matching (see matcher.ts); searching them too would only find
 * the same tickets more slowly.
 */
export const WHOLE_TEXTS = "(kind = 'article' OR chunk = 0)";
const isWholeText = (kind: EmbeddingKind, chunk: number) => kind === 'article' || chunk === 0;

/** Above this many vectors a search first narrows by sign bits, then ranks exactly. */
const EXACT_LIMIT = 20_000;
/** How many sign-bit candidates are ranked exactly (at least). */
const MIN_CANDIDATES = 400;

export interface Neighbour {
  embeddingId: number;
  kind: EmbeddingKind;
  refId: number;
  chunk: number;
  /** Cosine similarity, 1 = same direction. */
  similarity: number;
}

export interface VectorModel {
  model: string;
  dimension: number;
  table: string;
  complete: boolean;
  params: Buffer | null;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

const toBlob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** The vectors of one embedding model in one workspace: write, and search by nearest neighbours. */
export class VectorStore {
  private constructor(
    private readonly db: DB,
    readonly info: VectorModel,
  ) {}

  /** The store for `model`, creating its tables on first use. */
  static open(db: DB, model: string, dimension: number, params: Buffer | null = null): VectorStore {
    // looked up again under the write lock: an indexing job and a learning run on other
    // connections may open a new model's store at the same moment
    const info =
      VectorStore.find(db, model) ??
      inTransaction(db, () => {
        const existing = VectorStore.find(db, model);
        if (existing) return existing;
        const n = (db.prepare('SELECT coalesce(max(rowid), 0) + 1 AS n FROM vector_models').get() as { n: number }).n;
        const table = `vec_${n}`;
        db.exec(`CREATE VIRTUAL TABLE ${table} USING vec0(scope TEXT PARTITION KEY, embedding bit[${dimension}])`);
        db.prepare('INSERT INTO vector_models (model, dimension, vec_table, params, created_at) VALUES (?, ?, ?, ?, ?)').run(
          model,
          dimension,
          table,
          params,
          nowIso(),
        );
        return VectorStore.find(db, model)!;
      });
    if (info.dimension !== dimension) throw new Error(`${model} was stored with dimension ${info.dimension}, not ${dimension}`);
    return new VectorStore(db, info);
  }

  static find(db: DB, model: string): VectorModel | null {
    const row = db.prepare('SELECT model, dimension, vec_table, params, complete FROM vector_models WHERE model = ?').get(model) as
      { model: string; dimension: number; vec_table: string; params: Buffer | null; complete: number } | undefined;
    return row
      ? { model: row.model, dimension: row.dimension, table: row.vec_table, params: row.params, complete: row.complete === 1 }
      : null;
  }

  /** The content hash stored for a text, to embed only what is new or changed. */
  hashOf(kind: EmbeddingKind, refId: number, chunk = 0): string | null {
    const row = this.db
      .prepare('SELECT content_hash FROM embeddings WHERE model = ? AND kind = ? AND ref_id = ? AND chunk = ?')
      .get(this.info.model, kind, refId, chunk) as { content_hash: string } | undefined;
    return row?.content_hash ?? null;
  }

  /** Stores (or replaces) one vector. Call inside a transaction when writing many. */
  put(kind: EmbeddingKind, refId: number, chunk: number, contentHash: string, vector: Float32Array): void {
    const t = this.info.table;
    const existing = this.db
      .prepare('SELECT id FROM embeddings WHERE model = ? AND kind = ? AND ref_id = ? AND chunk = ?')
      .get(this.info.model, kind, refId, chunk) as { id: number } | undefined;
    const blob = toBlob(vector);
    if (existing) {
      // a changed text gets a new id, so in-memory bit indexes notice it as a new row
      this.db.prepare('DELETE FROM embeddings WHERE id = ?').run(existing.id);
      this.db.prepare(`DELETE FROM ${t} WHERE rowid = ?`).run(BigInt(existing.id));
    }
    const id = Number(
      this.db
        .prepare('INSERT INTO embeddings (model, kind, ref_id, chunk, content_hash, vector) VALUES (?, ?, ?, ?, ?, ?)')
        .run(this.info.model, kind, refId, chunk, contentHash, blob).lastInsertRowid,
    );
    if (isWholeText(kind, chunk))
      this.db
        .prepare(`INSERT INTO ${t} (rowid, scope, embedding) VALUES (?, ?, vec_quantize_binary(?))`)
        .run(BigInt(id), scopeOf(kind), blob);
  }

  /** Removes the vectors of a ticket or article (and its chunks beyond `keepChunks`). */
  remove(kind: EmbeddingKind, refId: number, keepChunks = 0): void {
    const ids = this.db
      .prepare('SELECT id FROM embeddings WHERE model = ? AND kind = ? AND ref_id = ? AND chunk >= ?')
      .all(this.info.model, kind, refId, keepChunks) as { id: number }[];
    for (const { id } of ids) {
      this.db.prepare(`DELETE FROM ${this.info.table} WHERE rowid = ?`).run(BigInt(id));
      this.db.prepare('DELETE FROM embeddings WHERE id = ?').run(id);
    }
  }

  /** How many texts are indexed (`WHOLE_TEXTS`). */
  count(scope?: Scope): number {
    const kinds = scope === 'article' ? "('article')" : scope === 'ticket' ? "('question','reply')" : "('question','reply','article')";
    return (
      this.db
        .prepare(`SELECT count(*) AS n FROM embeddings WHERE model = ? AND kind IN ${kinds} AND ${WHOLE_TEXTS}`)
        .get(this.info.model) as {
        n: number;
      }
    ).n;
  }

  markComplete(): void {
    this.db.prepare('UPDATE vector_models SET complete = 1 WHERE model = ?').run(this.info.model);
  }

  /**
   * The `k` nearest vectors to `query` within a scope. Small collections are ranked exactly;
   * large ones are first narrowed by the Hamming distance of sign bits (sqlite-vec), then
   * the candidates are ranked exactly.
   */
  nearest(query: Float32Array, k: number, scope: Scope): Neighbour[] {
    const blob = toBlob(query);
    const kinds = scope === 'article' ? "('article')" : "('question','reply')";
    let rows: { id: number; kind: EmbeddingKind; ref_id: number; chunk: number; distance: number }[];
    const bits = bitIndexFor(this.db, this.info.table, this.info.dimension);
    if (bits.sizeOf(scope) <= EXACT_LIMIT) {
      rows = this.db
        .prepare(
          `SELECT id, kind, ref_id, chunk, vec_distance_cosine(vector, ?) AS distance FROM embeddings
           WHERE model = ? AND kind IN ${kinds} AND ${WHOLE_TEXTS} ORDER BY distance LIMIT ?`,
        )
        .all(blob, this.info.model, k) as typeof rows;
    } else {
      const candidates = bits.candidates(signBits(query), scope, Math.max(MIN_CANDIDATES, k * 10));
      // one read for all candidates (ids replaced since the bits were read are simply not found)
      const found = this.db
        .prepare('SELECT id, kind, ref_id, chunk, vector FROM embeddings WHERE id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(candidates)) as { id: number; kind: EmbeddingKind; ref_id: number; chunk: number; vector: Buffer }[];
      rows = found
        .map(({ vector, ...rest }) => ({
          ...rest,
          distance: 1 - dot(query, new Float32Array(vector.buffer, vector.byteOffset, this.info.dimension)),
        }))
        .sort((a, b) => a.distance - b.distance)
        .slice(0, k);
    }
    return rows.map((r) => ({ embeddingId: r.id, kind: r.kind, refId: r.ref_id, chunk: r.chunk, similarity: 1 - r.distance }));
  }
}
