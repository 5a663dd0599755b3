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
