import { useEffect, useState } from 'react';
import type { ExportTarget } from '../../../shared/domain/export';
import type { Source } from '../../../shared/domain/source';
import { api } from '../../api';
import { useApp } from '../../stores/app';

const every = (minutes: number) => (!minutes ? 'when you ask' : minutes >= 60 ? `every ${minutes / 60} h` : `every ${minutes} min`);

/** Where tickets come from and where articles go, with their schedules; each is changed on its own screen. */
export function SourcesSummary() {
  const navigate = useApp((s) => s.navigate);
  const dataVersion = useApp((s) => s.dataVersion);
  const [sources, setSources] = useState<Source[]>([]);
  const [targets, setTargets] = useState<ExportTarget[]>([]);
  useEffect(() => {
    void api.invoke('sources.list', {}).then(setSources, () => setSources([]));
    void api.invoke('exports.targets', {}).then(setTargets, () => setTargets([]));
  }, [dataVersion]);

  return (
    <div className="sources-summary">
      <ul aria-label="Sources and schedules">
        {sources.map((s) => (
          <li key={s.id}>
            <strong>{s.name}</strong>{' '}
            <span className="muted">
              {s.kind} · {s.tickets.toLocaleString()} tickets
              {s.sync ? ` · syncs ${every(s.sync.syncEveryMinutes)}${s.sync.enabled ? '' : ' (paused)'}` : ''}
            </span>
          </li>
        ))}
        {targets.map((t) => (
          <li key={`t${t.id}`}>
            <strong>{t.name}</strong>{' '}
            <span className="muted">
              export · {t.counts.done} articles there{t.isDefault ? ' · Publish goes here' : ''}
            </span>
          </li>
        ))}
        {!sources.length && !targets.length && <li className="muted">No source or export target yet.</li>}
      </ul>
      <div className="row">
        <button className="button" onClick={() => navigate('sources')}>
          Open Sources
        </button>
        <button className="button" onClick={() => navigate('articles')}>
          Open the knowledge base to export
        </button>
      </div>
    </div>
  );
}
