import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api';
import { useApp } from '../../stores/app';

/** The workspace's time zone: where the dashboard's weeks begin (Monday 00:00 there). */
export function DashboardSettings() {
  const notify = useApp((s) => s.notify);
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  useEffect(() => {
    void api.invoke('metrics.configure', {}).then(
      (s) => setTimeZone(s.timeZone),
      () => setTimeZone(null),
    );
  }, []);
  if (!timeZone) return null;
  const change = async (zone: string) => {
    try {
      setTimeZone((await api.invoke('metrics.configure', { timeZone: zone })).timeZone);
      notify('info', `Weeks now begin on Monday 00:00 in ${zone}.`);
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <label className="field field--inline">
      <span className="field__label">Time zone</span>
      <select className="input" aria-label="Time zone" value={timeZone} onChange={(e) => void change(e.target.value)}>
        {(zones.includes(timeZone) ? zones : [timeZone, ...zones]).map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </select>
      <span className="muted">ISO weeks, Monday to Monday, in this zone</span>
    </label>
  );
}
