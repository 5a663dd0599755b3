import { useState } from 'react';
import { HELPDESKS, type AuthorSample, type ConnectionTest, type HelpdeskKind, type Source } from '../../../shared/domain/source';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { SettingField } from '../../components/SettingField';
import { useApp } from '../../stores/app';

const EVERY: { value: number; label: string }[] = [
  { value: 0, label: 'Only when I click Sync now' },
  { value: 15, label: 'Every 15 minutes' },
  { value: 60, label: 'Every hour' },
  { value: 240, label: 'Every 4 hours' },
  { value: 1440, label: 'Once a day' },
];

interface Props {
  /** A new source of this kind, or the saved source to edit. */
  kind: HelpdeskKind;
  source?: Source;
  onClose: () => void;
  onSaved: () => void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The form for one helpdesk: its fields with help, secrets (never shown again once saved),
 * bot authors with a preview from "Test connection", schedule and advanced address.
 */
export function SourceForm({ kind, source, onClose, onSaved }: Props) {
  const spec = HELPDESKS[kind];
  const notify = useApp((s) => s.notify);
  const sync = source?.sync;
  const [name, setName] = useState(source?.name ?? spec.label);
  const [fields, setFields] = useState<Record<string, string>>(sync?.config ?? (kind === 'intercom' ? { region: 'us' } : {}));
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [bots, setBots] = useState<string[]>(sync?.botIds ?? []);
  const [automation, setAutomation] = useState<string[]>(sync?.automationIds ?? []);
  const [every, setEvery] = useState(sync?.syncEveryMinutes ?? 60);
  const [historyDays, setHistoryDays] = useState(sync?.historyDays ?? 180);
  const [baseUrl, setBaseUrl] = useState(sync?.baseUrl ?? '');
  const [test, setTest] = useState<
    { state: 'idle' | 'running' } | { state: 'ok'; result: ConnectionTest } | { state: 'failed'; error: string }
  >({ state: 'idle' });
  const [saving, setSaving] = useState(false);

  const settings = () => ({
    fields,
    secrets,
    baseUrl: baseUrl.trim() || null,
    botIds: bots,
    automationIds: automation,
    syncEveryMinutes: every,
    historyDays,
  });
  const missing = spec.fields.find(
    (f) =>
      f.required &&
      !(f.type === 'secret' ? (secrets[f.key] ?? '').trim() || sync?.secretsSet.includes(f.key) : (fields[f.key] ?? '').trim()),
  );

  const runTest = async () => {
    setTest({ state: 'running' });
    try {
      const result = await api.invoke('sources.test', source ? { id: source.id, ...settings() } : { kind, ...settings() });
      setTest({ state: 'ok', result });
    } catch (error) {
      setTest({ state: 'failed', error: message(error) });
    }
  };

  const save = async () => {
    setSaving(true);
    try {
      if (source) {
        const { resync } = await api.invoke('sources.update', { id: source.id, name, ...settings() });
        notify('info', resync ? `Saved. ${name} syncs again from the start with the new settings.` : `Saved ${name}.`);
      } else {
        await api.invoke('sources.add', { kind, name, ...settings(), syncNow: true });
        notify('info', `Connected ${name}. The first sync has started.`);
      }
      onSaved();
      onClose();
    } catch (error) {
      notify('error', message(error));
    } finally {
      setSaving(false);
    }
  };

  const inList = (list: string[], a: AuthorSample) => list.includes(a.id ?? a.name ?? '') || (a.name !== null && list.includes(a.name));
  const without = (list: string[], a: AuthorSample) => list.filter((b) => b !== (a.id ?? a.name ?? '') && b !== a.name);
  /** Whether an author's replies count as the AI agent's with the lists as they are in the form. */
  const countsAsBot = (a: AuthorSample) => !inList(automation, a) && (a.helpdeskBot || inList(bots, a));
  /**
   * Ticking counts an author's replies as the AI agent's; unticking one the helpdesk itself marks
   * as its bot lists it as the helpdesk's automation (a rules bot such as Intercom's Operator).
   */
  const toggleBot = (a: AuthorSample) => {
    const key = a.id ?? a.name ?? '';
    if (countsAsBot(a)) {
      setBots((list) => without(list, a));
      if (a.helpdeskBot) setAutomation((list) => [...without(list, a), key]);
    } else {
      setAutomation((list) => without(list, a));
      if (!a.helpdeskBot) setBots((list) => [...without(list, a), key]);
    }
  };
  const listField = (value: string[], set: (list: string[]) => void, label: string, placeholder: string) => (
    <textarea
      className="input"
      aria-label={label}
      rows={2}
      placeholder={placeholder}
      value={value.join('\n')}
      onChange={(e) =>
        set(
          e.target.value
            .split('\n')
            .map((b) => b.trim())
            .filter((b, i, all) => b || i === all.length - 1),
        )
      }
      onBlur={() => set(value.filter(Boolean))}
    />
  );

  return (
    <Dialog title={source ? `${spec.label}: ${source.name}` : `Connect ${spec.label}`} onClose={onClose} wide>
      <form
        className="form-grid source-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!missing) void save();
        }}
      >
        <label className="field">
          <span className="field__label">Name in Tideline</span>
          <input className="input" aria-label="Name in Tideline" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {spec.fields.map((f) => (
          <SettingField
            key={f.key}
            field={f}
            values={fields}
            secrets={secrets}
            onValue={(k, v) => setFields({ ...fields, [k]: v })}
            onSecret={(k, v) => setSecrets({ ...secrets, [k]: v })}
            secretStored={!!sync?.secretsSet.includes(f.key)}
          />
        ))}
        <p className="muted source-form__note">{spec.permissions}</p>

        <fieldset className="source-form__group">
          <legend>AI agent authors</legend>
          <p className="muted">{spec.bots}</p>
          {listField(bots, setBots, 'AI agent authors', 'One name or user id per line')}
          <span className="field__label">Helpdesk automation: neither the AI agent nor a person</span>
          {listField(automation, setAutomation, 'Helpdesk automation', 'A rules bot the helpdesk marks as its bot, e.g. Operator')}
        </fieldset>

        <div className="row">
          <button type="button" className="button" onClick={() => void runTest()} disabled={!!missing || test.state === 'running'}>
            {test.state === 'running' ? 'Testing…' : 'Test connection'}
          </button>
          {missing && <span className="muted">Fill in the {missing.label.toLowerCase()} to test.</span>}
        </div>
        {test.state === 'failed' && (
          <p className="source-form__result source-form__result--bad" role="alert">
            {test.error}
          </p>
        )}
        {test.state === 'ok' && (
          <div className="source-form__result" role="status">
            <p>
              <strong>Connected.</strong> {test.result.summary}
            </p>
            {test.result.authors.length > 0 ? (
              <>
                <p className="muted">
                  Company-side authors in the {test.result.sampled} tickets read
                  {test.result.authors.some((a) => a.botReason && a.role !== 'bot')
                    ? ' — the highlighted ones look like bots; tick them to count their replies as the AI agent’s:'
                    : test.result.authors.some((a) => a.helpdeskBot)
                      ? ' — untick a bot that is not your AI agent (a rules bot) to leave its messages out:'
                      : ':'}
                </p>
                <ul className="authors">
                  {test.result.authors.slice(0, 12).map((a) => {
                    const key = a.id ?? a.name ?? '';
                    return (
                      <li key={key} className={a.botReason ? 'authors__item authors__item--bot' : 'authors__item'}>
                        <label className="check">
                          <input type="checkbox" checked={countsAsBot(a)} onChange={() => toggleBot(a)} />
                          <span>
                            {a.name ?? a.id} <span className="muted">· {a.messages} messages</span>
                            {a.botReason && <span className="authors__why"> — {a.botReason}</span>}
                          </span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </>
            ) : (
              <p className="muted">No replies in the tickets read yet.</p>
            )}
          </div>
        )}

        <details className="source-form__group">
          <summary>Schedule and history</summary>
          <div className="form-grid">
            <label className="field">
              <span className="field__label">Sync automatically</span>
              <select className="input" aria-label="Sync automatically" value={every} onChange={(e) => setEvery(Number(e.target.value))}>
                {EVERY.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <span className="field__help">While Tideline is open. Sync now is always on the source’s row.</span>
            </label>
            <label className="field">
              <span className="field__label">First sync reaches back (days)</span>
              <input
                className="input"
                aria-label="First sync reaches back (days)"
                type="number"
                min={1}
                max={3650}
                value={historyDays}
                onChange={(e) => setHistoryDays(Math.max(1, Number(e.target.value) || 1))}
              />
            </label>
          </div>
        </details>
        <details className="source-form__group">
          <summary>Advanced: API address</summary>
          <label className="field">
            <span className="field__label">Base URL</span>
            <input
              className="input"
              aria-label="Base URL"
              placeholder="Leave empty for the vendor’s own address"
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
            />
            <span className="field__help">For a regional host, a proxy or a self-hosted gateway.</span>
          </label>
        </details>

        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={!!missing || saving}>
            {source ? 'Save' : 'Connect and sync'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
