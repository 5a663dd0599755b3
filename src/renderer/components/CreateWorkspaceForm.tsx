import { useState, type FormEvent } from 'react';
import { useApp } from '../stores/app';

interface CreateWorkspaceFormProps {
  onDone?: () => void;
  autoFocus?: boolean;
  submitLabel?: string;
}

export function CreateWorkspaceForm({ onDone, autoFocus, submitLabel = 'Create workspace' }: CreateWorkspaceFormProps) {
  const createWorkspace = useApp((s) => s.createWorkspace);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    const created = await createWorkspace(name.trim());
    setBusy(false);
    if (created) {
      setName('');
      onDone?.();
    }
  }

  return (
    <form className="create-workspace" onSubmit={submit}>
      <label className="field">
        <span className="field__label">Workspace name</span>
        <input
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Acme support"
          maxLength={80}
          autoFocus={autoFocus}
          aria-label="Workspace name"
        />
      </label>
      <button className="button button--primary" type="submit" disabled={busy || !name.trim()}>
        {busy ? 'Creating…' : submitLabel}
      </button>
    </form>
  );
}
