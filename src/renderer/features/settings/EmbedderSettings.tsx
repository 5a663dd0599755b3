import { useEffect, useState } from 'react';
import {
  modelLabel,
  otherLanguagesAdvice,
  type EmbeddingConfig,
  type EmbeddingProvider,
  type EmbeddingStatus,
} from '../../../shared/domain/embedding';
import { api } from '../../api';
import { Segmented } from '../../components/Segmented';
import { useApp } from '../../stores/app';

const PROVIDERS: { value: EmbeddingProvider; label: string; note: string }[] = [
  {
    value: 'builtin',
    label: 'Built-in',
    note: 'Needs no model and no network. Matches words, typos and phrasing well; knows no synonyms.',
  },
  {
    value: 'use',
    label: 'Sentence encoder',
    note: 'A sentence-embedding model that comes with Tideline (Universal Sentence Encoder, English): understands meaning and synonyms, needs no download, and learns topics from your tickets best among the offline choices.',
  },
  {
    value: 'transformers',
    label: 'Local model',
    note: 'A small neural model run on this computer (transformers.js). Understands meaning and, with E5, other languages.',
  },
  { value: 'ollama', label: 'Ollama', note: 'Any embedding model your local Ollama server has.' },
];

/** Which embedder the workspace uses, what is indexed, and a way to switch. */
export function EmbedderSettings() {
  const notify = useApp((s) => s.notify);
  const dataVersion = useApp((s) => s.dataVersion);
  const jobs = useApp((s) => s.jobs);
  const [status, setStatus] = useState<EmbeddingStatus | null>(null);
  const [draft, setDraft] = useState<EmbeddingConfig>({ provider: 'use' });
  const [ollamaModels, setOllamaModels] = useState<string[] | null>(null);
  const indexing = Object.values(jobs).some((j) => j.kind === 'embed.workspace' && (j.status === 'running' || j.status === 'queued'));

  useEffect(() => {
    void api.invoke('embedding.status', {}).then((s) => {
      setStatus(s);
      setDraft(s.config);
    });
  }, [dataVersion, indexing]);

  const loadOllama = async () => {
    try {
      setOllamaModels(await api.invoke('ollama.models', draft.host ? { host: draft.host } : {}));
    } catch (error) {
      setOllamaModels([]);
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };

  const save = async () => {
    try {
      setStatus(await api.invoke('embedding.configure', draft));
      notify(
        'info',
        'Indexing with the new choice. Search and learning keep using the current index until it is done; then suggestions nobody has touched are grouped again.',
      );
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };

  if (!status) return null;
  const active = status.active;
  return (
    <div className="settings-stack">
      <p className="muted">
        {active
          ? `${active.vectors.toLocaleString()} texts indexed with ${modelLabel(active.model)} (${active.dimension} dimensions).`
          : 'Nothing indexed yet: search and learning read words only until the first indexing finishes.'}
        {status.building && ` Building ${modelLabel(status.building.model)}: ${status.building.vectors.toLocaleString()} texts so far.`}
      </p>
      <OtherLanguages status={status} draft={draft} onChoose={(model) => setDraft({ provider: 'transformers', model })} />
      <Segmented label="Embedder" options={PROVIDERS} value={draft.provider} onChange={(provider) => setDraft({ provider })} />
      <p className="muted">{PROVIDERS.find((p) => p.value === draft.provider)!.note}</p>

      {draft.provider === 'use' && (
        <label className="field">
          <span className="field__label">Speed</span>
          <select
            className="input"
            value={draft.model ?? 'static'}
            onChange={(e) => setDraft({ ...draft, model: e.target.value === 'static' ? undefined : e.target.value })}
          >
            <option value="static">Fast — the model's word-piece vectors (thousands of texts a second)</option>
            <option value="full">Full — every text through the model (slower; groups a little better)</option>
          </select>
          {draft.model === 'full' && (
            <span className="muted">
              Tens of texts a second on each core; it indexes on up to four at once, each with its own copy of the model (about 270 MB)
              while it runs.
            </span>
          )}
        </label>
      )}

      {draft.provider === 'transformers' && (
        <div className="form-grid">
          <label className="field">
            <span className="field__label">Model</span>
            <select
              className="input"
              value={draft.model ?? status.transformersModels[0]!.id}
              onChange={(e) => setDraft({ ...draft, model: e.target.value })}
              disabled={Boolean(draft.folder)}
            >
              {status.transformersModels.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label} — {m.languages}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.allowDownload ?? false}
              onChange={(e) => setDraft({ ...draft, allowDownload: e.target.checked })}
              disabled={Boolean(draft.folder)}
            />
            Allow a one-time download of the model (about 25–120 MB, from the Hugging Face hub, cached in the data folder)
          </label>
          <label className="field">
            <span className="field__label">Or a model folder on this computer (for machines without internet)</span>
            <input
              className="input"
              placeholder="/path/to/all-MiniLM-L6-v2"
              value={draft.folder ?? ''}
              onChange={(e) => setDraft({ ...draft, folder: e.target.value || undefined })}
            />
          </label>
        </div>
      )}

      {draft.provider === 'ollama' && (
        <div className="form-grid">
          <label className="field">
            <span className="field__label">Server</span>
            <input
              className="input"
              placeholder="http://127.0.0.1:11434"
              value={draft.host ?? ''}
              onChange={(e) => setDraft({ ...draft, host: e.target.value || undefined })}
            />
          </label>
          <div className="field">
            <span className="field__label">Model</span>
            <div className="row">
              <select
                className="input"
                value={draft.model ?? ''}
                onChange={(e) => setDraft({ ...draft, model: e.target.value })}
                aria-label="Ollama model"
              >
                <option value="">
                  {ollamaModels === null ? 'Load the list first' : ollamaModels.length ? 'Pick a model' : 'No models found'}
                </option>
                {ollamaModels?.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
              <button className="button" onClick={() => loadOllama()}>
                Load models
              </button>
            </div>
          </div>
        </div>
      )}

      <div className="row">
        <button
          className="button button--primary"
          onClick={() => save()}
          disabled={indexing || (draft.provider === 'ollama' && !draft.model)}
        >
          Use this and re-index
        </button>
        <button className="button" onClick={() => api.invoke('embedding.rebuild', {})} disabled={indexing}>
          {indexing ? 'Indexing…' : 'Index new tickets now'}
        </button>
      </div>
    </div>
  );
}

/** Says when a good share of the tickets is not in English while the workspace reads meaning in English only. */
function OtherLanguages({
  status,
  draft,
  onChoose,
}: {
  status: EmbeddingStatus;
  draft: EmbeddingConfig;
  onChoose: (model: string) => void;
}) {
  const advice = otherLanguagesAdvice(status);
  if (!advice) return null;
  const chosen = draft.provider === 'transformers' && draft.model === advice.model.id;
  return (
    <div className="banner banner--info" role="note" aria-label="Tickets in other languages">
      <p>
        {Math.round(advice.share * 100)}% of your latest {advice.sampled.toLocaleString()} tickets ask in another language than English. The
        model you use reads meaning in English: those questions join their topics by their words and by the answers they share, and a new
        one is matched to an article by little more than its words. {advice.model.label} reads them by meaning.
      </p>
      {chosen ? (
        <p>Next, allow its one-time download below (or give a folder that holds it), then choose Use this and re-index.</p>
      ) : (
        <div className="banner__actions">
          <button className="button" onClick={() => onChoose(advice.model.id)}>
            Choose {advice.model.label}
          </button>
        </div>
      )}
    </div>
  );
}
