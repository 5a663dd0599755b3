import { useEffect, useState } from 'react';
import type { LearningSettings as Settings } from '../../../shared/domain/draft';
import { api } from '../../api';
import { useApp } from '../../stores/app';

/** The repeat threshold, automatic learning after imports, and how far a backfill reaches. */
export function LearningSettings() {
  const notify = useApp((s) => s.notify);
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void api.invoke('learning.settings', {}).then(setSettings);
  }, []);
  if (!settings) return null;

  const change = async (patch: Partial<Settings>) => {
    try {
      setSettings(await api.invoke('learning.configure', patch));
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="form-grid">
      <label className="field field--inline">
        <span className="field__label">Repeat threshold</span>
        <input
          className="input input--number"
          type="number"
          min={2}
          max={100}
          value={settings.repeatThreshold}
          onChange={(e) => Number(e.target.value) >= 2 && change({ repeatThreshold: Number(e.target.value) })}
        />
        <span className="muted">distinct tickets, from as many customers, before a topic becomes a draft</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.auto} onChange={(e) => change({ auto: e.target.checked })} />
        Learn from new handovers after every import
      </label>
      <label className="field field--inline">
        <span className="field__label">Learn from past tickets reads the last</span>
        <input
          className="input input--number"
          type="number"
          min={10}
          max={100000}
          step={500}
          value={settings.backfillLimit}
          onChange={(e) => Number(e.target.value) >= 10 && change({ backfillLimit: Number(e.target.value) })}
        />
        <span className="muted">resolved tickets</span>
      </label>
    </div>
  );
}
