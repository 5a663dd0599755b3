import { useEffect, useState } from 'react';
import { EGRESS_ROLE_LABEL, formatBytes, type EgressEntry, type EgressSummary } from '../../../shared/domain/privacy';
import { api } from '../../api';
import { useApp } from '../../stores/app';
import { formatTime } from '../tickets/bits';
import { plural } from '../../../shared/plural';

const bytes = (n: number | null) => (n === null ? '—' : formatBytes(n));

const SENT: Record<'cloud-llm' | 'model-download', string> = {
  'cloud-llm':
    'It will receive the text of the tickets behind each draft, after personal details are removed, and write the article. Keys stay in the secret store.',
  'model-download': 'It will be asked for model files. No ticket data is sent.',
};

/** Local-only mode, the endpoints allowed to receive data, and the log of every request that left the machine. */
export function PrivacySettings() {
  const privacy = useApp((s) => s.privacy);
  const setPrivacy = useApp((s) => s.setPrivacy);
  const dataVersion = useApp((s) => s.dataVersion);
  const notify = useApp((s) => s.notify);
  const [log, setLog] = useState<EgressSummary | null>(null);
  const [url, setUrl] = useState('');
  const [role, setRole] = useState<'cloud-llm' | 'model-download'>('cloud-llm');
  const [only, setOnly] = useState<'all' | 'blocked'>('all');

  useEffect(() => {
    void api
      .invoke('egress.list', { limit: 500 })
      .then(setLog, (e: unknown) => notify('error', e instanceof Error ? e.message : String(e)));
  }, [dataVersion, privacy, notify]);
  if (!privacy) return null;

  const allow = async () => {
    if (await setPrivacy({ allow: { url: url.trim(), role } })) {
      notify('info', `Allowed ${new URL(url.trim()).origin}.`);
      setUrl('');
    }
  };
  const download = (format: 'json' | 'csv') => {
    void api.invoke('egress.list', { limit: 100_000 }).then((all) => {
      const text =
        format === 'json'
          ? JSON.stringify(all, null, 2)
          : [
              'at,outcome,method,origin,path,role,purpose,status,bytes_out,bytes_in,draft_id,redactions',
              ...all.entries.map((e) =>
                [
                  e.at,
                  e.outcome,
                  e.method,
                  e.origin,
                  e.path,
                  e.role,
                  e.purpose,
                  e.status ?? '',
                  e.bytesOut,
                  e.bytesIn ?? '',
                  e.draftId ?? '',
                  e.redactions ? JSON.stringify(e.redactions) : '',
                ]
                  .map((v) => `"${String(v).replace(/"/g, '""')}"`)
                  .join(','),
              ),
            ].join('\n');
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: format === 'json' ? 'application/json' : 'text/csv' }));
      link.download = `tideline-egress.${format}`;
      link.click();
      URL.revokeObjectURL(link.href);
    });
  };
  const entries = (log?.entries ?? []).filter((e) => only === 'all' || e.outcome === 'blocked');

  return (
    <div className="privacy">
      <label className="check privacy__mode">
        <input
          type="checkbox"
          aria-label="Local-only mode"
          checked={privacy.localOnly}
          onChange={(e) => void setPrivacy({ localOnly: e.target.checked })}
        />
        <span>
          <strong>Local-only mode</strong>
          <span className="muted">
            {' '}
            — nothing leaves this computer but calls to the helpdesks and help centers you connected and to models running here (Ollama on
            this computer). A cloud model or a model download is refused unless you allow that endpoint below.
          </span>
        </span>
      </label>
      {!privacy.localOnly && (
        <p className="privacy__warning" role="alert">
          Local-only mode is off: a cloud model you configure receives the redacted text of the tickets behind each draft.
        </p>
      )}

      <div className="privacy__allowed">
        <h3>Allowed endpoints</h3>
        {privacy.allowed.length ? (
          <ul>
            {privacy.allowed.map((a) => (
              <li key={a.origin}>
                <code>{a.origin}</code>{' '}
                <span className="muted">
                  {EGRESS_ROLE_LABEL[a.role]} · since {formatTime(a.allowedAt)}
                </span>{' '}
                <button className="button button--small" onClick={() => void setPrivacy({ revoke: a.origin })}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None. Tideline has not been allowed to send anything to a cloud model or to download a model.</p>
        )}
        <form
          className="row privacy__allow"
          onSubmit={(e) => {
            e.preventDefault();
            if (url.trim()) void allow();
          }}
        >
          <input
            className="input"
            aria-label="Endpoint to allow"
            placeholder="https://api.openai.com/v1"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <select className="input" aria-label="What it is" value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            <option value="cloud-llm">Cloud model</option>
            <option value="model-download">Model download</option>
          </select>
          <button className="button" type="submit" disabled={!/^https?:\/\/\S+$/.test(url.trim())}>
            Allow
          </button>
        </form>
        <p className="muted privacy__explain">{SENT[role]}</p>
      </div>

      <div className="privacy__log">
        <div className="row privacy__log-head">
          <h3>Egress log</h3>
          <span className="muted">
            {log
              ? `${plural(log.totals.requests, 'request')} · ${bytes(log.totals.bytesOut)} sent · ${log.totals.blocked} refused`
              : 'Loading…'}
          </span>
          <span className="row">
            <select className="input input--small" aria-label="Show" value={only} onChange={(e) => setOnly(e.target.value as typeof only)}>
              <option value="all">All requests</option>
              <option value="blocked">Refused only</option>
            </select>
            <button className="button button--small" onClick={() => download('csv')} disabled={!log?.totals.requests}>
              Export CSV
            </button>
            <button className="button button--small" onClick={() => download('json')} disabled={!log?.totals.requests}>
              Export JSON
            </button>
          </span>
        </div>
        {log && log.totals.origins.length > 0 && (
          <table className="privacy__origins" aria-label="Endpoints contacted">
            <thead>
              <tr>
                <th>Endpoint</th>
                <th>Why</th>
                <th>Requests</th>
                <th>Sent</th>
                <th>Last</th>
              </tr>
            </thead>
            <tbody>
              {log.totals.origins.map((o) => (
                <tr key={`${o.origin} ${o.role}`}>
                  <td>
                    <code>{o.origin}</code>
                  </td>
                  <td>{EGRESS_ROLE_LABEL[o.role]}</td>
                  <td>{o.requests.toLocaleString()}</td>
                  <td>{bytes(o.bytesOut)}</td>
                  <td>{formatTime(o.last)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {log && !log.totals.requests ? (
          <p className="muted">
            Nothing has left this computer from this workspace yet. Every request Tideline makes (a sync, an export, a model call, a
            download) appears here, and so does every one local-only mode refused.
          </p>
        ) : (
          <ul className="egress-list" aria-label="Latest requests">
            {entries.map((e) => (
              <EgressRow key={e.id} entry={e} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function EgressRow({ entry: e }: { entry: EgressEntry }) {
  const redacted =
    e.redactions && Object.keys(e.redactions).length
      ? Object.entries(e.redactions)
          .map(([kind, n]) => `${n} × ${kind.replace('_', ' ')}`)
          .join(', ')
      : null;
  return (
    <li className={`egress egress--${e.outcome}`}>
      <span className="egress__when">{formatTime(e.at)}</span>
      <span className={`badge${e.outcome === 'blocked' ? ' badge--warn' : e.outcome === 'failed' ? ' badge--bad' : ''}`}>
        {e.outcome === 'sent' ? (e.status ?? 'sent') : e.outcome}
      </span>
      <span className="egress__what">
        <strong>{e.purpose}</strong>
        <span className="muted">
          {' '}
          {e.method} {e.origin}
          {e.path} · {bytes(e.bytesOut)} out{e.draftId ? ` · draft #${e.draftId}` : ''}
          {redacted ? ` · removed first: ${redacted}` : ''}
        </span>
      </span>
    </li>
  );
}
