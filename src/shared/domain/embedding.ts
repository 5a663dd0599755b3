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
  /** Of the latest tickets that ask something (`sampled`), the share asked in another language than English. */
  otherLanguages: { share: number; sampled: number };
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

/** Below this share of tickets in other languages, an English model misses too few to say so. */
const OTHER_LANGUAGES_WORTH_SAYING = 0.03;

/**
 * When a good share of the tickets is not in English while the workspace reads meaning in English
 * only: that share and the multilingual model to offer. Null otherwise (an Ollama model may read
 * any language).
 */
export function otherLanguagesAdvice(
  status: EmbeddingStatus,
): { share: number; sampled: number; model: { id: string; label: string } } | null {
  const multilingual = status.transformersModels.find((m) => m.languages === 'Multilingual');
  const { provider, model, folder } = status.config;
  const chosen = status.transformersModels.find((m) => m.id === model) ?? status.transformersModels[0];
  const englishOnly =
    provider === 'builtin' || provider === 'use' || (provider === 'transformers' && !folder && chosen?.languages !== 'Multilingual');
  if (!multilingual || !englishOnly || status.otherLanguages.share < OTHER_LANGUAGES_WORTH_SAYING) return null;
  return { ...status.otherLanguages, model: { id: multilingual.id, label: multilingual.label } };
}
