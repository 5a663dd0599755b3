import { dirname } from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { DB } from '../db/open';
import { inTransaction } from '../db/transaction';
import { VectorStore } from '../search/vectors';
import { contentHash, indexedTexts, ticketTexts } from './job';
import type { EmbeddingConfig } from '../../../shared/domain/embedding';
import { getSetting } from '../system/settings';
import { createEmbedder, DEFAULT_EMBEDDING } from './factory';
import { activeModel, embedderOf } from './service';

/** Tickets' stored vectors by meaning: what they ask, and the first human answer. */
export interface TicketVectors {
  model: string;
  question: Map<number, Float32Array>;
  reply: Map<number, Float32Array>;
}

const asVector = (blob: Buffer) => {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
};

/**
 * The model whose vectors the learning engine uses: the active one, or before the first index is
 * complete, the one the workspace is being indexed with (learning need not wait for the whole
 * index). Null when it works from words alone (the built-in embedder).
 */
export async function meaningModel(db: DB, options: { embedMissing?: boolean } = {}): Promise<string | null> {
  const model = activeModel(db) ?? (options.embedMissing === false ? null : await firstModel(db));
  return model && !model.startsWith('builtin/') ? model : null;
}

/** The model the first index is being built with (its store is created if need be). */
async function firstModel(db: DB): Promise<string | null> {
  const config = getSetting<EmbeddingConfig>(db, 'embedding.config', DEFAULT_EMBEDDING);
  if (config.provider === 'builtin') return null;
  const embedder = await createEmbedder(config, { dataDir: dirname(dirname(db.name)) }).catch(() => null);
  if (!embedder) return null;
  VectorStore.open(db, embedder.id, embedder.dimension);
  return embedder.id;
}

/**
 * The workspace's vectors by meaning for some tickets, as the indexing job stored them; the few
 * it has not reached yet (tickets that arrived since) are embedded now with the same model and
 * stored, so nothing is embedded twice (unless `embedMissing` is false: on the interface's thread
 * they go without). Null when the workspace's index is the built-in lexical one (the learning
 * engine then works from words alone) or nothing is indexed yet.
 */
export async function vectorsByMeaning(
  db: DB,
  ticketIds: number[],
  options: { embedMissing?: boolean } = {},
): Promise<TicketVectors | null> {
  const model = await meaningModel(db, options);
  if (!model) return null;
  const question = new Map<number, Float32Array>();
  const reply = new Map<number, Float32Array>();
  const read = (ids: number[]) => {
    const rows = db
      .prepare(
        `SELECT kind, ref_id, vector FROM embeddings WHERE model = ? AND kind IN ('question', 'reply') AND chunk = 0 AND ref_id IN (SELECT value FROM json_each(?))`,
      )
      .all(model, JSON.stringify(ids)) as { kind: 'question' | 'reply'; ref_id: number; vector: Buffer }[];
    for (const r of rows) (r.kind === 'question' ? question : reply).set(r.ref_id, asVector(r.vector));
  };
  read(ticketIds);
  const missing = ticketIds.filter((id) => !question.has(id));
  if (missing.length && options.embedMissing !== false) {
    const embedder = await embedderOf(db, model, dirname(dirname(db.name))).catch(() => null);
    if (embedder) {
      const store = VectorStore.open(db, model, embedder.dimension);
      const texts = ticketTexts(db, { ids: missing }).flatMap((t) => indexedTexts(t, true).map((x) => ({ ...x, id: t.id })));
      const vectors = await embedder.embed(
        texts.map((t) => t.text),
        'passage',
      );
      inTransaction(db, () => texts.forEach((t, i) => store.put(t.kind, t.id, t.chunk, contentHash(t.text), vectors[i]!)));
      read(missing);
    }
  }
  return { model, question, reply };
}

/**
 * The stored vectors of a question's sentences (`questionSentences`), in order; none for a
 * question of one sentence or one the index has not reached. Read one ticket at a time, when a
 * match needs them: most questions never do, and all of a workspace's would take several times the
 * memory of its questions.
 */
export function sentenceVectors(db: DB, model: string, ticketId: number): Float32Array[] {
  let read = sentenceReads.get(db);
  if (!read) {
    read = db.prepare<[string, number], Buffer>(
      `SELECT vector FROM embeddings WHERE model = ? AND kind = 'question' AND ref_id = ? AND chunk > 0 ORDER BY chunk`,
    );
    sentenceReads.set(db, read);
  }
  return read.pluck().all(model, ticketId).map(asVector);
}

const sentenceReads = new WeakMap<DB, Statement<[string, number], Buffer>>();
