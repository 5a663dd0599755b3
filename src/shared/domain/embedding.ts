export type EmbeddingProvider = 'builtin' | 'use' | 'transformers' | 'ollama';

/** Which embedder a workspace uses; secrets are never part of it. */
export interface EmbeddingConfig {
  provider: EmbeddingProvider;
  /** transformers: a model id from the list; ollama: a model name the server has. */
  model?: string;
  /** transformers: an absolute path to a model folder (air-gapped machines). */
  folder?: string;
  /** transformers: whether the model may be downloaded once. */
  allowDownload?: boolean;
  /** ollama: the server address (this machine by default). */
  host?: string;
}

export interface EmbeddingStatus {
  config: EmbeddingConfig;
  /** The vectors search uses now; null until the first embedding run completes. */
  active: { model: string; dimension: number; vectors: number } | null;
  /** Vectors of a newly chosen model being built; search stays on `active` until it completes. */
  building: { model: string; vectors: number } | null;
  tickets: number;
  transformersModels: { id: string; label: string; dimension: number; languages: string }[];
}

export interface SearchHit {
  ticketId: number;
  externalId: string;
  subject: string | null;
  preview: string;
  createdAt: string;
  score: number;
  /** Which retrievers found it: by meaning (vectors), by words (full text), or both. */
  matchedBy: ('meaning' | 'words')[];
}

/** A stored model id in words, for the interface ("builtin/lexical-v1@ab12cd34" → "the built-in embedder"). */
export function modelLabel(model: string): string {
  if (model.startsWith('builtin/')) return 'the built-in embedder (words)';
  if (model.startsWith('use/universal-sentence-encoder-lite-static')) return 'the sentence encoder (fast)';
  if (model.startsWith('use/')) return 'the sentence encoder (full)';
  if (model.startsWith('transformers/folder:')) return `the model in ${model.slice('transformers/folder:'.length).replace(/@[^@]*$/, '')}`;
  if (model.startsWith('transformers/')) return model.slice('transformers/'.length).replace(/@[^@]*$/, '');
  if (model.startsWith('ollama/')) return `Ollama's ${model.slice('ollama/'.length)}`;
  return model;
}
