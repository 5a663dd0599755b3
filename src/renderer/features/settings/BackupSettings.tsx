import { useState } from 'react';
import { api } from '../../api';
import { useApp } from '../../stores/app';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Back up the open workspace to a file (a consistent copy while it works), or make a workspace from a backup. */
export function BackupSettings() {
  const info = useApp((s) => s.info);
  const status = useApp((s) => s.status);
  const notify = useApp((s) => s.notify);
  const refresh = useApp((s) => s.refresh);
  const day = new Date().toISOString().slice(0, 10);
  const [target, setTarget] = useState(() => `${info?.dataDir ?? ''}/backups/${status?.workspace.id ?? 'workspace'}-${day}.tideline.db`);
  const [source, setSource] = useState('');
  const [name, setName] = useState(() => `${status?.workspace.name ?? 'Workspace'} (restored)`);
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const backup = async () => {
    setBusy('backup');
    try {
      const result = await api.invoke('workspace.backup', { path: target.trim() });
      setDone(`Saved ${result.path} (${(result.bytes / 1024 / 1024).toFixed(1)} MB). It passed SQLite's integrity check.`);
    } catch (e) {
      notify('error', message(e));
    } finally {
      setBusy(null);
    }
  };
  const restore = async () => {
    setBusy('restore');
    try {
      const ws = await api.invoke('workspace.restore', { path: source.trim(), name: name.trim(), use: true });
      notify('info', `Restored “${ws.name}” and switched to it. The workspace you backed up is still here.`);
      await refresh();
    } catch (e) {
      notify('error', message(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="backup">
      <form
        className="row backup__row"
        onSubmit={(e) => {
          e.preventDefault();
          if (target.trim()) void backup();
        }}
      >
        <input className="input" aria-label="Backup file" value={target} onChange={(e) => setTarget(e.target.value)} />
        <button className="button" type="submit" disabled={!target.trim() || busy !== null}>
          {busy === 'backup' ? 'Backing up…' : 'Back up now'}
        </button>
      </form>
      <p className="muted">A consistent copy even while a sync or an import runs. Keep it somewhere safe: it holds your tickets.</p>
      {done && (
        <p className="source-form__result" role="status">
          {done}
        </p>
      )}
      <form
        className="row backup__row"
        onSubmit={(e) => {
          e.preventDefault();
          if (source.trim() && name.trim()) void restore();
        }}
      >
        <input
          className="input"
          aria-label="Restore from"
          placeholder="A .tideline.db backup file"
          value={source}
          onChange={(e) => setSource(e.target.value)}
        />
        <input
          className="input backup__name"
          aria-label="Name of the restored workspace"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button className="button" type="submit" disabled={!source.trim() || !name.trim() || busy !== null}>
          {busy === 'restore' ? 'Restoring…' : 'Restore as a new workspace'}
        </button>
      </form>
    </div>
  );
}

/** Deletes the open workspace for good, once its name is typed again. */
export function DeleteWorkspace() {
  const status = useApp((s) => s.status);
  const notify = useApp((s) => s.notify);
  const refresh = useApp((s) => s.refresh);
  const [typed, setTyped] = useState('');
  if (!status) return null;
  const { id, name } = status.workspace;
  const remove = async () => {
    try {
      await api.invoke('workspace.delete', { id, name: typed });
      notify('info', `Deleted “${name}”.`);
      await refresh();
    } catch (e) {
      notify('error', message(e));
    }
  };
  return (
    <form
      className="row backup__row"
      onSubmit={(e) => {
        e.preventDefault();
        if (typed === name) void remove();
      }}
    >
      <input
        className="input"
        aria-label="Type the workspace name to delete it"
        placeholder={`Type “${name}” to delete this workspace and all it holds`}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
      />
      <button className="button button--danger" type="submit" disabled={typed !== name}>
        Delete workspace
      </button>
    </form>
  );
}
