import { useEffect, useState } from 'react';
import { isLoopback } from '../../../shared/domain/privacy';
import type { DrafterConfig } from '../../../shared/domain/draft';
import { api } from '../../api';
import { Segmented } from '../../components/Segmented';
import { useApp } from '../../stores/app';

const PROVIDERS: { value: DrafterConfig['provider']; label: string; note: string }[] = [
  { value: 'extractive', label: 'Extractive', note: 'Needs no LLM: composes each article from what your team’s answers agree on.' },
  { value: 'ollama', label: 'Ollama', note: 'A model on your own Ollama server writes the article; nothing leaves this computer.' },
  {
    value: 'openai',
    label: 'OpenAI-compatible',
    note: 'OpenAI, Azure OpenAI, LM Studio, vLLM or llama.cpp server. Ticket text, with personal details removed, is sent to this endpoint.',
  },
];

/** Which drafter writes articles; a key for an endpoint goes to the secret store and is never shown again. */
export function DraftingSettings() {
  const notify = useApp((s) => s.notify);
  const [config, setConfig] = useState<DrafterConfig | null>(null);
  const [hasKey, setHasKey] = useState(false);
  const [key, setKey] = useState('');
  const [models, setModels] = useState<string[]>([]);
  const [test, setTest] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void api.invoke('drafting.settings', {}).then((s) => {
      setConfig(s.config);
      setHasKey(s.hasKey);
    });
  }, []);
  if (!config) return null;

  const loadModels = async () => {
    try {
      const list = await api.invoke('ollama.models', config.host ? { host: config.host } : {});
      setModels(list);
      notify(
        'info',
        list.length
          ? `${list.length} models on the server: pick one in the Model field.`
          : 'The Ollama server has no models yet (ollama pull llama3.2).',
      );
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };

  const runTest = async () => {
    setTest(null);
    try {
      const result = await api.invoke('drafting.test', { ...config, ...(key ? { apiKey: key } : {}) });
      setTest({ ok: true, text: result.summary });
    } catch (error) {
      setTest({ ok: false, text: error instanceof Error ? error.message : String(error) });
    }
  };

  const save = async (apiKey?: string) => {
    try {
      const saved = await api.invoke('drafting.configure', { ...config, ...(apiKey !== undefined ? { apiKey } : {}) });
      setConfig(saved.config);
      setHasKey(saved.hasKey);
      setKey('');
      notify('info', 'Saved. New drafts use this drafter.');
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="settings-stack">
      <Segmented
        label="Drafter"
        options={PROVIDERS}
        value={config.provider}
        onChange={(provider) => {
          setConfig({ provider });
          setTest(null);
        }}
      />
      <p className="muted">{PROVIDERS.find((p) => p.value === config.provider)!.note}</p>
      {config.provider !== 'extractive' && (
        <div className="form-grid">
          <label className="field">
            <span className="field__label">{config.provider === 'ollama' ? 'Server' : 'Base URL'}</span>
            <input
              className="input"
              placeholder={config.provider === 'ollama' ? 'http://127.0.0.1:11434' : 'https://api.openai.com/v1'}
              value={(config.provider === 'ollama' ? config.host : config.baseUrl) ?? ''}
              onChange={(e) => setConfig({ ...config, [config.provider === 'ollama' ? 'host' : 'baseUrl']: e.target.value || undefined })}
            />
          </label>
          <div className="field">
            <span className="field__label">Model</span>
            <div className="row">
              <input
                className="input"
                aria-label="Drafting model"
                list="drafting-models"
                placeholder={config.provider === 'ollama' ? 'llama3.2' : 'gpt-4o-mini'}
                value={config.model ?? ''}
                onChange={(e) => setConfig({ ...config, model: e.target.value || undefined })}
              />
              {config.provider === 'ollama' && (
                <button className="button" onClick={() => loadModels()}>
                  Load models
                </button>
              )}
            </div>
            <datalist id="drafting-models">
              {models.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </div>
          {config.provider === 'openai' && (
            <label className="field">
              <span className="field__label">API key {hasKey ? '(one is stored; type a new one to replace it)' : ''}</span>
              <input
                className="input"
                type="password"
                autoComplete="off"
                value={key}
                onChange={(e) => setKey(e.target.value)}
                placeholder={hasKey ? '••••••••' : 'Not needed for local servers'}
              />
            </label>
          )}
        </div>
      )}
      <PrivacyNotice config={config} />
      <div className="row">
        <button className="button button--primary" onClick={() => save(key ? key : undefined)}>
          Save
        </button>
        {config.provider !== 'extractive' && (
          <button className="button" onClick={() => void runTest()}>
            Test
          </button>
        )}
        {config.provider === 'openai' && hasKey && (
          <button className="button" onClick={() => save('')}>
            Forget the key
          </button>
        )}
      </div>
      {test && (
        <p className={`source-form__result${test.ok ? '' : ' source-form__result--bad'}`} role={test.ok ? 'status' : 'alert'}>
          {test.text}
        </p>
      )}
      <p className="muted">
        If the model fails or answers badly twice, the extractive draft is kept and says why. Test sends no ticket text.
      </p>
    </div>
  );
}

/** Says before any draft is attempted that local-only mode will refuse this endpoint, and offers to allow it by name. */
function PrivacyNotice({ config }: { config: DrafterConfig }) {
  const privacy = useApp((s) => s.privacy);
  const setPrivacy = useApp((s) => s.setPrivacy);
  if (!privacy?.localOnly || config.provider === 'extractive') return null;
  let endpoint: URL;
  try {
    endpoint = new URL(
      config.provider === 'ollama' ? (config.host ?? 'http://127.0.0.1:11434') : (config.baseUrl ?? 'https://api.openai.com/v1'),
    );
  } catch {
    return null;
  }
  const cloud = config.provider === 'openai' || !isLoopback(endpoint.hostname);
  if (!cloud || privacy.allowed.some((a) => a.origin === endpoint.origin)) return null;
  return (
    <div className="privacy__warning" role="note">
      <p>
        Local-only mode will refuse {endpoint.origin}: it would receive the text of the tickets behind each draft, with personal details
        removed.
      </p>
      <button className="button button--small" onClick={() => void setPrivacy({ allow: { url: endpoint.href, role: 'cloud-llm' } })}>
        Allow {endpoint.origin}
      </button>
    </div>
  );
}
