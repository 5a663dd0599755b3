import { join } from 'node:path';
import type { EmbeddingConfig } from '../../../shared/domain/embedding';
import type { Embedder } from './embedder';
import { LexicalEmbedder } from './lexical';
import { DEFAULT_TRANSFORMERS_MODEL } from './models';
import { DEFAULT_OLLAMA_HOST, OllamaEmbedder } from './ollama';
import { ParallelSentenceEncoder } from './encoder-pool';
import { StaticSentenceEncoder } from './sentence-encoder';
import { TransformersEmbedder } from './transformers';

/** The offline sentence encoder, fast: meaning at nearly the speed of words (see the README's choice of embedder). */
export const DEFAULT_EMBEDDING: EmbeddingConfig = { provider: 'use' };

/** Models downloaded by transformers.js are cached here, beside the workspaces. */
export function modelCacheDir(dataDir: string): string {
  return join(dataDir, 'models');
}

/** Builds the embedder a configuration names; the built-in one takes its fitted IDF. */
export async function createEmbedder(
  config: EmbeddingConfig,
  options: { dataDir: string; idf?: Float32Array | null; onProgress?: (file: string, fraction: number) => void },
): Promise<Embedder> {
  switch (config.provider) {
    case 'builtin':
      return new LexicalEmbedder(options.idf ?? null);
    case 'use':
      return config.model === 'full' ? ParallelSentenceEncoder.load() : StaticSentenceEncoder.load(modelCacheDir(options.dataDir));
    case 'transformers':
      return TransformersEmbedder.load({
        model: config.folder ?? config.model ?? DEFAULT_TRANSFORMERS_MODEL,
        cacheDir: modelCacheDir(options.dataDir),
        allowDownload: config.allowDownload ?? false,
        onProgress: options.onProgress,
      });
    case 'ollama':
      return OllamaEmbedder.connect(config.model ?? 'nomic-embed-text', config.host ?? DEFAULT_OLLAMA_HOST);
  }
}

export function idfFromParams(params: Buffer | null): Float32Array | null {
  if (!params) return null;
  const copy = new Uint8Array(params.byteLength);
  copy.set(params);
  return new Float32Array(copy.buffer);
}

export function paramsFromIdf(idf: Float32Array): Buffer {
  return Buffer.from(idf.buffer, idf.byteOffset, idf.byteLength);
}
