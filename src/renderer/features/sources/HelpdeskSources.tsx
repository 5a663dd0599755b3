import { useState } from 'react';
import { jobFraction } from '../../../shared/domain/job';
import { HELPDESK_KINDS, HELPDESKS, type HelpdeskKind, type Source } from '../../../shared/domain/source';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import { useApp } from '../../stores/app';
import { SourceForm } from './SourceForm';

const ERROR_TITLE: Record<string, string> = {
  credentials: 'Sign-in refused',
  forbidden: 'Not allowed',
  not_found: 'Wrong address',
  offline: 'Offline',
  server: 'Helpdesk trouble',
  bad_response: 'Unexpected answer',
};

export function ago(iso: string, now = Date.now()): string {
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** Connected helpdesks with their sync status, progress and actions, and the ways to connect one. */
export function HelpdeskSources({ sources, onChanged }: { sources: Source[]; onChanged: () => void }) {
  const jobs = useApp((s) => s.jobs);
  const notify = useApp((s) => s.notify);
  const applyJob = useApp((s) => s.applyJob);
  const [form, setForm] = useState<{ kind: HelpdeskKind; source?: Source } | null>(null);
  const [removing, setRemoving] = useState<Source | null>(null);
  const helpdesks = sources.filter((s) => s.sync);

  const syncNow = async (source: Source) => {
    try {
      const [job] = await api.invoke('sync.start', { sourceId: source.id });
      if (job) applyJob(job);
      onChanged();
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };
  const remove = async (source: Source) => {
    try {
      const { removed } = await api.invoke('sources.remove', { id: source.id });
      notify('info', `Removed ${source.name} and its ${removed.toLocaleString()} tickets.`);
      setRemoving(null);
      onChanged();
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section className="helpdesks" aria-label="Helpdesks">
      <h2 className="section-title">Helpdesks</h2>
      {helpdesks.length > 0 && (
        <ul className="helpdesk-list">
          {helpdesks.map((s) => {
            const sync = s.sync!;
            const job = sync.activeJobId !== null ? jobs[sync.activeJobId] : undefined;
            const running = sync.activeJobId !== null;
            return (
              <li key={s.id} className="helpdesk" data-testid={`helpdesk-${s.id}`}>
                <div className="helpdesk__head">
                  <strong>{s.name}</strong>
                  <span className="muted">{HELPDESKS[s.kind as HelpdeskKind].label}</span>
                  <span className="helpdesk__count">{s.tickets.toLocaleString()} tickets</span>
                  <span className="helpdesk__actions">
                    <button className="button button--small" onClick={() => void syncNow(s)} disabled={running}>
                      {running ? 'Syncing…' : 'Sync now'}
                    </button>
                    <button className="button button--small" onClick={() => setForm({ kind: s.kind as HelpdeskKind, source: s })}>
                      Settings
                    </button>
                    <button className="button button--small" onClick={() => setRemoving(s)} disabled={running}>
                      Remove
                    </button>
                  </span>
                </div>
                {running ? (
                  <div className="helpdesk__progress">
                    <ProgressBar value={job ? jobFraction(job) : null} label={`Syncing ${s.name}`} />
                    <span className="muted">{job?.message ?? 'Waiting to start…'}</span>
                  </div>
                ) : (
                  <p className="helpdesk__status">
                    {sync.lastError ? (
                      <span className="helpdesk__error" role="alert">
                        <span className="badge badge--warn">{ERROR_TITLE[sync.lastErrorKind ?? ''] ?? 'Sync failed'}</span> {sync.lastError}
                      </span>
                    ) : null}
                    <span className="muted">
                      {sync.lastSyncAt ? `Last synced ${ago(sync.lastSyncAt)}` : 'Not synced yet'}
                      {sync.syncEveryMinutes
                        ? ` · syncs every ${sync.syncEveryMinutes >= 60 ? `${sync.syncEveryMinutes / 60} h` : `${sync.syncEveryMinutes} min`}`
                        : ' · syncs when you ask'}
                      {sync.lastErrorKind === 'offline' ? ' · everything synced so far stays usable' : ''}
                    </span>
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="connect">
        <span className="muted">
          {helpdesks.length ? 'Connect another helpdesk:' : 'Connect your helpdesk to sync tickets as they happen:'}
        </span>
        <div className="chips">
          {HELPDESK_KINDS.map((kind) => (
            <button key={kind} className="chip" onClick={() => setForm({ kind })}>
              {HELPDESKS[kind].label}
            </button>
          ))}
        </div>
      </div>
      {form && <SourceForm kind={form.kind} source={form.source} onClose={() => setForm(null)} onSaved={onChanged} />}
      {removing && (
        <Dialog title={`Remove ${removing.name}?`} onClose={() => setRemoving(null)}>
          <p>
            Its {removing.tickets.toLocaleString()} tickets leave this workspace, with their search index; its credentials are forgotten.
            Approved articles stay. Nothing changes in {HELPDESKS[removing.kind as HelpdeskKind].label} itself.
          </p>
          <div className="dialog__actions">
            <button className="button" onClick={() => setRemoving(null)}>
              Keep it
            </button>
            <button className="button button--danger" onClick={() => void remove(removing)}>
              Remove source and tickets
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
