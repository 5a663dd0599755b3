import { useState } from 'react';
import { api } from '../../api';
import { useApp } from '../../stores/app';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** SQLite's full integrity check of the open workspace: when it last ran, what it found, and a button to run it now. */
export function IntegrityCheck() {
  const status = useApp((s) => s.status);
  const refresh = useApp((s) => s.refresh);
  const notify = useApp((s) => s.notify);
  const [checking, setChecking] = useState(false);
  if (!status) return null;
  const last = status.lastCheck;
  const check = async () => {
    setChecking(true);
    try {
      const outcome = await api.invoke('workspace.check', {});
      notify(outcome.ok ? 'info' : 'error', outcome.detail);
      await refresh();
    } catch (e) {
      notify('error', e instanceof Error ? e.message : String(e));
    } finally {
      setChecking(false);
    }
  };
  return (
    <div className="row integrity" role="status">
      <span className="muted">
        {last
          ? last.ok
            ? `Passed SQLite’s full integrity check ${when(last.at)}.`
            : `The check of ${when(last.at)} found a problem: ${last.detail ?? ''}`
          : 'Tideline checks the whole file in the background each time the app opens it.'}
      </span>
      <button className="button button--small" onClick={() => void check()} disabled={checking}>
        {checking ? 'Checking…' : 'Check now'}
      </button>
    </div>
  );
}
