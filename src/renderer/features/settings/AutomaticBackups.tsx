import { useCallback, useEffect, useState } from 'react';
import type { AutomaticBackup, BackupList } from '../../../shared/domain/workspace';
import { api } from '../../api';
import { useApp } from '../../stores/app';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

const REASONS: Record<AutomaticBackup['reason'], string> = {
  daily: 'Daily',
  'before-migration': 'Before an update',
  'before-retention': 'Before retention',
};

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const size = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The backups Tideline took by itself for one workspace (the open one, or one that cannot be
 * opened), each restorable as a new workspace, and where they go.
 */
export function AutomaticBackups({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const notify = useApp((s) => s.notify);
  const refresh = useApp((s) => s.refresh);
  const [list, setList] = useState<BackupList | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [folder, setFolder] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setList(await api.invoke('backups.list', { workspaceId }));
    } catch (e) {
      notify('error', message(e));
    }
  }, [workspaceId, notify]);
  useEffect(() => void load(), [load]);

  const restore = async (backup: AutomaticBackup) => {
    try {
      const ws = await api.invoke('workspace.restore', { path: backup.path, name: name.trim(), use: true });
      notify('info', `Restored “${ws.name}” from the backup of ${when(backup.takenAt)} and switched to it.`);
      setRestoring(null);
      await refresh();
    } catch (e) {
      notify('error', message(e));
    }
  };
  const moveTo = async (target: string | null) => {
    try {
      await api.invoke('backups.setFolder', { folder: target });
      setFolder(null);
      await load();
    } catch (e) {
      notify('error', message(e));
    }
  };

  if (!list) return <p className="muted">Reading the backups…</p>;
  return (
    <div className="auto-backups">
      <h3 className="auto-backups__title">Automatic backups</h3>
      <p className="muted">
        One a day while Tideline runs (the last 7 kept), and one before an update changes the file or retention deletes tickets. Each passed
        SQLite’s integrity check.
      </p>
      {list.backups.length === 0 ? (
        <p className="empty-note">No automatic backup of this workspace yet: the first is taken once it holds tickets or drafts.</p>
      ) : (
        <table className="auto-backups__table">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Why</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.backups.map((b) => (
              <tr key={b.path} title={b.path}>
                <td>{when(b.takenAt)}</td>
                <td>{REASONS[b.reason]}</td>
                <td>{size(b.bytes)}</td>
                <td className="auto-backups__actions">
                  {restoring === b.path ? (
                    <form
                      className="row"
                      onSubmit={(e) => {
                        e.preventDefault();
                        if (name.trim()) void restore(b);
                      }}
                    >
                      <input
                        className="input"
                        aria-label="Name of the restored workspace"
                        value={name}
                        autoFocus
                        onChange={(e) => setName(e.target.value)}
                        onKeyDown={(e) => e.key === 'Escape' && setRestoring(null)}
                      />
                      <button className="button button--primary" type="submit" disabled={!name.trim()}>
                        Restore
                      </button>
                      <button className="button" type="button" onClick={() => setRestoring(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <button
                      className="button"
                      onClick={() => {
                        setRestoring(b.path);
                        setName(`${workspaceName} (${new Date(b.takenAt).toISOString().slice(0, 10)})`);
                      }}
                    >
                      Restore as a new workspace
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row auto-backups__folder">
        <span className="muted">
          Saved in <code>{list.folder}</code>
        </span>
        {folder === null ? (
          <>
            <button className="button button--small" onClick={() => setFolder(list.folder)}>
              Change folder
            </button>
            {list.custom && (
              <button className="button button--small" onClick={() => void moveTo(null)}>
                Use the data folder
              </button>
            )}
          </>
        ) : (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (folder.trim()) void moveTo(folder.trim());
            }}
          >
            <input className="input" aria-label="Folder for automatic backups" value={folder} onChange={(e) => setFolder(e.target.value)} />
            <button className="button" type="submit" disabled={!folder.trim()}>
              Save
            </button>
            <button className="button" type="button" onClick={() => setFolder(null)}>
              Cancel
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
