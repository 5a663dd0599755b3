import type { EmbeddingConfig } from '../../../shared/domain/embedding';
import type { DB } from '../db/open';
import { VectorStore } from '../search/vectors';
import { getSetting } from '../system/settings';
import type { Embedder } from './embedder';
import { createEmbedder, DEFAULT_EMBEDDING, idfFromParams } from './factory';
import { LexicalEmbedder } from './lexical';

/**
 * The embedder that matches a workspace's active vectors, for embedding queries on the
 * engine's thread. Loaded once per model; the built-in one rebuilds from its stored IDF.
 */
export class QueryEmbedders {
  private readonly cache = new Map<string, Promise<Embedder>>();

  constructor(private readonly dataDir: string) {}

  /** The active vectors and their embedder, or null before the first indexing completes. */
  async active(db: DB): Promise<{ store: VectorStore; embedder: Embedder } | null> {
    const model = getSetting<string | null>(db, 'embedding.active', null);
    const info = model ? VectorStore.find(db, model) : null;
    if (!model || !info) return null;
    let pending = this.cache.get(model);
    if (!pending) {
      pending = model.startsWith('builtin/')
        ? Promise.resolve(new LexicalEmbedder(idfFromParams(info.params)))
        : createEmbedder(getSetting<EmbeddingConfig>(db, 'embedding.config', DEFAULT_EMBEDDING), { dataDir: this.dataDir });
      this.cache.set(model, pending);
      pending.catch(() => this.cache.delete(model));
    }
    const embedder = await pending;
    if (embedder.id !== model) return null; // the settings moved on; the new model is still being built
    return { store: VectorStore.open(db, model, info.dimension), embedder };
  }
}
