/** The transformers.js models offered in Settings, with the prefixes each expects. */
export interface ModelInfo {
  id: string;
  label: string;
  dimension: number;
  queryPrefix: string;
  passagePrefix: string;
  languages: string;
}

export const TRANSFORMERS_MODELS: ModelInfo[] = [
  {
    id: 'Xenova/all-MiniLM-L6-v2',
    label: 'MiniLM L6 (English, fast)',
    dimension: 384,
    queryPrefix: '',
    passagePrefix: '',
    languages: 'English',
  },
  {
    id: 'Xenova/bge-small-en-v1.5',
    label: 'BGE small (English, more accurate)',
    dimension: 384,
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    passagePrefix: '',
    languages: 'English',
  },
  {
    id: 'Xenova/multilingual-e5-small',
    label: 'E5 small (100 languages)',
    dimension: 384,
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    languages: 'Multilingual',
  },
];

export const DEFAULT_TRANSFORMERS_MODEL = TRANSFORMERS_MODELS[0]!.id;
