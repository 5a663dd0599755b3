import { useState } from 'react';
import type { RetentionPreview } from '../../../shared/domain/privacy';
import { api } from '../../api';
import { useApp } from '../../stores/app';
import { plural } from '../../../shared/plural';

/** Delete tickets older than N days: a preview first, then a confirmed deletion in one transaction. */
export function RetentionSettings() {
  const notify = useApp((s) => s.notify);
  const refresh = useApp((s) => s.refresh);
  const [days, setDays] = useState(365);
  const [preview, setPreview] = useState<RetentionPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = (e: unknown) => notify('error', e instanceof Error ? e.message : String(e));

  const look = async () => {
    try {
      setPreview(await api.invoke('retention.preview', { olderThanDays: days }));
    } catch (e) {
      fail(e);
    }
  };
  const apply = async () => {
    if (!preview) return;
    if (
      !window.confirm(
        `Delete ${preview.tickets.toLocaleString()} tickets created before ${preview.cutoff.slice(0, 10)}? This cannot be undone; back up first if you may need them.`,
      )
    )
      return;
    setBusy(true);
    try {
      const done = await api.invoke('retention.apply', { olderThanDays: days, confirm: true });
      notify(
        'info',
        `Deleted ${done.deleted.toLocaleString()} tickets; ${done.archivedEvidence} pieces of article evidence kept without personal details.`,
      );
      setPreview(null);
      useApp.setState((s) => ({ dataVersion: s.dataVersion + 1 }));
      await refresh();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="backup">
      <form
        className="row backup__row"
        onSubmit={(e) => {
          e.preventDefault();
          void look();
        }}
      >
        <label className="row">
          Delete tickets older than
          <input
            className="input retention__days"
            type="number"
            min={1}
            aria-label="Days to keep"
            value={days}
            onChange={(e) => {
              setDays(Math.max(1, Number(e.target.value) || 1));
              setPreview(null);
            }}
          />
          days
        </label>
        <button className="button" type="submit">
          Preview
        </button>
      </form>
      {preview && (
        <div className="source-form__result" role="status">
          <p>
            {preview.tickets.toLocaleString()} of {(preview.tickets + preview.remaining).toLocaleString()} tickets were created before{' '}
            {preview.cutoff.slice(0, 10)}; they go with their messages, search index and handovers.
            {preview.keptEvidence > 0 &&
              ` ${preview.keptEvidence} of them back ${plural(preview.articles, 'approved article')}: that text stays with the article, personal details removed.`}
          </p>
          {preview.tickets > 0 && (
            <button className="button button--danger retention__delete" disabled={busy} onClick={() => void apply()}>
              {busy ? 'Deleting…' : `Delete ${preview.tickets.toLocaleString()} tickets`}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
