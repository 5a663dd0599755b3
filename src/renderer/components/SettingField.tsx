import type { ExportField } from '../../shared/domain/export';
import type { ConnectorField } from '../../shared/domain/source';

interface Props {
  field: ConnectorField | ExportField;
  /** The non-secret settings and the secrets typed so far, by key. */
  values: Record<string, string>;
  secrets: Record<string, string>;
  onValue: (key: string, value: string) => void;
  onSecret: (key: string, value: string) => void;
  /** A secret already in the secret store (never shown back). */
  secretStored: boolean;
  /** For `remote` fields: what the service listed once tested. */
  choices?: { value: string; label: string }[];
}

/** One field of a helpdesk's or a help center's form, with its help text. */
export function SettingField({ field: f, values, secrets, onValue, onSecret, secretStored, choices }: Props) {
  const value = values[f.key] ?? '';
  const select = (options: { value: string; label: string }[], prompt?: string) => (
    <select className="input" aria-label={f.label} value={value} onChange={(e) => onValue(f.key, e.target.value)}>
      {prompt !== undefined && <option value="">{prompt}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  return (
    <label className="field">
      <span className="field__label">{f.label}</span>
      {f.type === 'select' ? (
        select(f.options ?? [])
      ) : f.type === 'remote' && choices ? (
        select(choices, 'Choose…')
      ) : f.type === 'secret' ? (
        <input
          className="input"
          type="password"
          aria-label={f.label}
          autoComplete="off"
          placeholder={secretStored ? 'Stored in the secret store — type to replace' : ''}
          value={secrets[f.key] ?? ''}
          onChange={(e) => onSecret(f.key, e.target.value)}
        />
      ) : (
        <input
          className="input"
          aria-label={f.label}
          type={f.type === 'email' ? 'email' : 'text'}
          placeholder={f.type === 'remote' ? 'Test the connection to choose from a list, or type the id' : f.placeholder}
          value={value}
          onChange={(e) => onValue(f.key, e.target.value)}
        />
      )}
      <span className="field__help">{f.help}</span>
    </label>
  );
}
