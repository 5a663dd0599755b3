import type { EmbeddingConfig } from '../../../shared/domain/embedding';
import type { DB } from '../db/open';
import { VectorStore } from '../search/vectors';
import { getSetting } from '../system/settings';
import type { Embedder } from './embedder';
import { createEmbedder, DEFAULT_EMBEDDING, idfFromParams } from './factory';
import { LexicalEmbedder } from './lexical';

/** The model whose vectors are complete and in use (null before the first indexing completes). */
export function activeModel(db: DB): string | null {
  const model = getSetting<string | null>(db, 'embedding.active', null);
  return model && VectorStore.find(db, model) ? model : null;
}

/**
 * The embedder that made a model's vectors: the built-in one from its stored IDF, any other
 * from the workspace's settings (null when the settings have moved on to another model).
 */
export async function embedderOf(db: DB, model: string, dataDir: string): Promise<Embedder | null> {
  const info = VectorStore.find(db, model);
  if (!info) return null;
  // a store is created before its first vector: the built-in one has no IDF yet then
  if (model.startsWith('builtin/') && !info.params) return null;
  const embedder = model.startsWith('builtin/')
    ? new LexicalEmbedder(idfFromParams(info.params))
    : await createEmbedder(getSetting<EmbeddingConfig>(db, 'embedding.config', DEFAULT_EMBEDDING), { dataDir });
  return embedder.id === model ? embedder : null;
}

/**
 * The embedder that matches a workspace's active vectors, for embedding queries on the
 * engine's thread. Loaded once per model.
 */
export class QueryEmbedders {
  private readonly cache = new Map<string, Promise<Embedder | null>>();

  constructor(private readonly dataDir: string) {}

  /** The active vectors and their embedder, or null before the first indexing completes. */
  async active(db: DB): Promise<{ store: VectorStore; embedder: Embedder } | null> {
    const model = activeModel(db);
    if (!model) return null;
    let pending = this.cache.get(model);
    if (!pending) {
      pending = embedderOf(db, model, this.dataDir);
      this.cache.set(model, pending);
      pending.then((e) => e || this.cache.delete(model)).catch(() => this.cache.delete(model));
    }
    const embedder = await pending;
    if (!embedder) return null; // the settings moved on; the new model is still being built
    return { store: VectorStore.open(db, model, embedder.dimension), embedder };
  }
}
