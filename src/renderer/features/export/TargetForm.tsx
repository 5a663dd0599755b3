import { useState } from 'react';
import { EXPORT_TARGETS, type ExportKind, type ExportTarget, type ExportTargetTest } from '../../../shared/domain/export';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { SettingField } from '../../components/SettingField';
import { useApp } from '../../stores/app';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

const DEFAULTS: Partial<Record<ExportKind, Record<string, string>>> = {
  zendesk: { locale: 'en-us', state: 'draft' },
  intercom: { region: 'us', state: 'draft' },
  freshdesk: { state: 'draft' },
  helpscout: { state: 'draft' },
};

/**
 * The form for one export target: a folder, or a help center's account with the section,
 * collection or folder picked from what "Test connection" lists. Secrets are never shown back.
 */
export function TargetForm({
  kind,
  target,
  onClose,
  onSaved,
}: {
  kind: ExportKind;
  target?: ExportTarget;
  onClose: () => void;
  onSaved: (t: ExportTarget) => void;
}) {
  const spec = EXPORT_TARGETS[kind];
  const notify = useApp((s) => s.notify);
  const [name, setName] = useState(target?.name ?? spec.label);
  const [fields, setFields] = useState<Record<string, string>>(target?.config ?? DEFAULTS[kind] ?? {});
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [baseUrl, setBaseUrl] = useState(target?.baseUrl ?? '');
  const [isDefault, setIsDefault] = useState(target?.isDefault ?? (kind !== 'markdown' && kind !== 'html' && kind !== 'json'));
  const [test, setTest] = useState<
    { state: 'idle' | 'running' } | { state: 'ok'; result: ExportTargetTest } | { state: 'failed'; error: string }
  >({ state: 'idle' });
  const [saving, setSaving] = useState(false);
  const choices = test.state === 'ok' ? test.result.choices : {};

  const settings = () => ({ fields, secrets, baseUrl: baseUrl.trim() || null });
  const missing = spec.fields.find(
    (f) =>
      f.required &&
      !(f.type === 'secret' ? (secrets[f.key] ?? '').trim() || target?.secretsSet.includes(f.key) : (fields[f.key] ?? '').trim()),
  );

  const runTest = async () => {
    setTest({ state: 'running' });
    try {
      const result = await api.invoke('exports.testTarget', target ? { id: target.id, ...settings() } : { kind, ...settings() });
      setTest({ state: 'ok', result });
      // a single choice needs no decision
      setFields((f) => ({
        ...f,
        ...Object.fromEntries(
          Object.entries(result.choices)
            .filter(([k, list]) => list.length === 1 && !f[k])
            .map(([k, list]) => [k, list[0]!.value]),
        ),
      }));
    } catch (error) {
      setTest({ state: 'failed', error: message(error) });
    }
  };

  const save = async () => {
    setSaving(true);
    try {
      const saved = target
        ? await api.invoke('exports.updateTarget', { id: target.id, name, ...settings(), isDefault })
        : await api.invoke('exports.addTarget', { kind, name, ...settings(), isDefault });
      notify('info', `Saved ${saved.name}.`);
      onSaved(saved);
      onClose();
    } catch (error) {
      notify('error', message(error));
    } finally {
      setSaving(false);
    }
  };

  const isFolder = spec.fields.some((f) => f.type === 'folder');
  return (
    <Dialog title={target ? `${spec.label}: ${target.name}` : `Export to ${spec.label}`} onClose={onClose} wide>
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
            secretStored={!!target?.secretsSet.includes(f.key)}
            choices={choices[f.key]}
          />
        ))}
        <p className="muted source-form__note">
          <strong>Permissions.</strong> {spec.permissions}
        </p>
        <p className="muted source-form__note">
          <strong>What is overwritten.</strong> {spec.overwrites}
        </p>
        <label className="check">
          <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} /> The board’s{' '}
          <strong>Publish</strong> sends approved articles here
        </label>
        {!isFolder && (
          <details className="source-form__group">
            <summary>Advanced</summary>
            <label className="field">
              <span className="field__label">Base URL</span>
              <input
                className="input"
                aria-label="Base URL"
                value={baseUrl}
                placeholder="Leave empty for the vendor’s own address"
                onChange={(e) => setBaseUrl(e.target.value)}
              />
              <span className="field__help">Only for a proxy in front of the help center.</span>
            </label>
          </details>
        )}
        {test.state === 'failed' && (
          <p className="source-form__result source-form__result--bad" role="alert">
            {test.error}
          </p>
        )}
        {test.state === 'ok' && (
          <p className="source-form__result" role="status">
            {test.result.summary}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button" disabled={test.state === 'running'} onClick={() => void runTest()}>
            {test.state === 'running' ? 'Testing…' : isFolder ? 'Check the folder' : 'Test connection'}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={!!missing || saving}
            title={missing ? `Fill in ${missing.label.toLowerCase()} first` : undefined}
          >
            {target ? 'Save' : 'Add target'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
