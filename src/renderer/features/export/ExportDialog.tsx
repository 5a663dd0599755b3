import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  EXPORT_KINDS,
  EXPORT_TARGETS,
  type ExportKind,
  type ExportPlanItem,
  type ExportRecord,
  type ExportTarget,
} from '../../../shared/domain/export';
import { isJobActive, jobFraction } from '../../../shared/domain/job';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { DiffView } from '../../components/DiffView';
import { ProgressBar } from '../../components/ProgressBar';
import { useApp } from '../../stores/app';
import { TargetForm } from './TargetForm';
import { plural } from '../../../shared/plural';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const ACTION_LABEL: Record<ExportPlanItem['action'], string> = { create: 'Create', update: 'Update', skip: 'Skip' };
const STATUS_LABEL: Record<ExportRecord['status'], string> = {
  done: 'Exported',
  pending: 'Waiting to retry',
  failed: 'Failed',
  conflict: 'Edited there',
};

/**
 * Export the knowledge base: pick (or add) a target, see the dry run (create, update, skip),
 * run it with a progress bar, then each article's result with its link; an article edited in
 * the help center is shown side by side before anything overwrites it.
 */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const notify = useApp((s) => s.notify);
  const jobs = useApp((s) => s.jobs);
  const [targets, setTargets] = useState<ExportTarget[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [plan, setPlan] = useState<ExportPlanItem[] | null>(null);
  const [records, setRecords] = useState<ExportRecord[]>([]);
  const [form, setForm] = useState<{ kind: ExportKind; target?: ExportTarget } | null>(null);
  const [comparing, setComparing] = useState<ExportRecord | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);

  const loadTargets = useCallback(async () => {
    const list = await api.invoke('exports.targets', {});
    setTargets(list);
    setSelected((s) => (s !== null && list.some((t) => t.id === s) ? s : ((list.find((t) => t.isDefault) ?? list[0])?.id ?? null)));
    return list;
  }, []);
  const target = targets?.find((t) => t.id === selected) ?? null;

  const loadTarget = useCallback(async (id: number) => {
    const [p, r] = await Promise.all([api.invoke('exports.preview', { targetId: id }), api.invoke('exports.records', { targetId: id })]);
    setPlan(p);
    setRecords(r);
  }, []);

  useEffect(() => {
    void loadTargets().catch((e: unknown) => notify('error', message(e)));
  }, [loadTargets, notify]);
  useEffect(() => {
    setPlan(null);
    setRecords([]);
    setComparing(null);
    if (selected !== null) void loadTarget(selected).catch((e: unknown) => notify('error', message(e)));
  }, [selected, loadTarget, notify]);

  const job = jobId !== null ? jobs[jobId] : target?.activeJobId != null ? jobs[target.activeJobId] : undefined;
  const running = !!job && isJobActive(job);
  useEffect(() => {
    if (job && !isJobActive(job) && selected !== null) {
      void loadTargets();
      void loadTarget(selected);
    }
  }, [job?.status, job, selected, loadTarget, loadTargets]);

  const counts = useMemo(() => {
    const c = { create: 0, update: 0, skip: 0 };
    for (const p of plan ?? []) c[p.action]++;
    return c;
  }, [plan]);

  const run = async (input: { articleIds?: number[]; overwrite?: number[] } = {}) => {
    if (!target) return;
    try {
      const { queued, job: started } = await api.invoke('exports.run', { targetId: target.id, ...input });
      if (!started) notify('info', `Nothing to export to ${target.name}: every article is up to date there.`);
      else {
        setJobId(started.id);
        useApp.getState().applyJob(started);
        notify('info', `Exporting ${plural(queued, 'article')} to ${target.name}…`);
      }
      setComparing(null);
    } catch (e) {
      notify('error', message(e));
    }
  };

  const keepTheirs = async (r: ExportRecord) => {
    try {
      await api.invoke('exports.keepRemote', { targetId: r.targetId, articleId: r.articleId });
      notify('info', `Left “${r.title}” as it is in ${target?.name}.`);
      setComparing(null);
      if (selected !== null) await loadTarget(selected);
    } catch (e) {
      notify('error', message(e));
    }
  };

  const remove = async (t: ExportTarget) => {
    if (!window.confirm(`Forget “${t.name}”? Articles already there stay there; Tideline forgets which they are and the stored secret.`))
      return;
    try {
      await api.invoke('exports.removeTarget', { id: t.id });
      setSelected(null);
      await loadTargets();
    } catch (e) {
      notify('error', message(e));
    }
  };

  return (
    <Dialog title="Export the knowledge base" onClose={onClose} wide>
      <div className="export">
        <aside className="export__targets" aria-label="Export targets">
          {targets?.map((t) => (
            <button
              key={t.id}
              className={`export-target${t.id === selected ? ' export-target--on' : ''}`}
              aria-pressed={t.id === selected}
              onClick={() => setSelected(t.id)}
            >
              <span className="export-target__name">{t.name}</span>
              <span className="muted">
                {[t.name === EXPORT_TARGETS[t.kind].label ? null : EXPORT_TARGETS[t.kind].label, t.isDefault ? 'Publish goes here' : null]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              <span className="export-target__counts">
                {t.counts.done} exported
                {t.counts.conflict ? <span className="badge badge--warn">{t.counts.conflict} edited there</span> : null}
                {t.counts.failed ? <span className="badge badge--bad">{t.counts.failed} failed</span> : null}
                {t.counts.pending ? <span className="badge">{t.counts.pending} queued</span> : null}
              </span>
            </button>
          ))}
          <p className="export__add-label">Add a target</p>
          <div className="export__add">
            {EXPORT_KINDS.map((k) => (
              <button key={k} className="chip" onClick={() => setForm({ kind: k })}>
                {EXPORT_TARGETS[k].label}
              </button>
            ))}
          </div>
        </aside>

        <section className="export__main">
          {targets && !target ? (
            <div className="export__empty">
              <h3>Where should the articles go?</h3>
              <p className="muted">
                Pick a folder (Markdown, HTML or JSON) to keep a copy you can version or import elsewhere, or connect your help center so
                the board’s Publish puts approved articles there.
              </p>
            </div>
          ) : target ? (
            <>
              <div className="export__head">
                <div>
                  <h3>{target.name}</h3>
                  <p className="muted">{whereTo(target)}</p>
                </div>
                <span className="row">
                  <button className="button button--small" onClick={() => setForm({ kind: target.kind, target })}>
                    Settings
                  </button>
                  <button className="button button--small" onClick={() => void remove(target)} disabled={running}>
                    Remove
                  </button>
                </span>
              </div>

              {running ? (
                <div className="export__progress">
                  <ProgressBar value={jobFraction(job!)} label={`Exporting to ${target.name}`} />
                  <span className="muted">{job!.message ?? 'Starting…'}</span>
                </div>
              ) : (
                <div className="export__summary" role="status">
                  {plan === null ? (
                    <span className="muted">Working out what changed…</span>
                  ) : plan.length === 0 ? (
                    <span className="muted">The knowledge base has no articles yet: approve drafts on the review board first.</span>
                  ) : (
                    <>
                      <span>
                        <strong>{counts.create}</strong> to create · <strong>{counts.update}</strong> to update ·{' '}
                        <strong>{counts.skip}</strong> unchanged
                      </span>
                      <button className="button button--primary" disabled={counts.create + counts.update === 0} onClick={() => void run()}>
                        {counts.create + counts.update === 0
                          ? 'Everything is up to date'
                          : `Export ${plural(counts.create + counts.update, 'article')}`}
                      </button>
                    </>
                  )}
                </div>
              )}

              {comparing?.remote && comparing.local ? (
                <div className="export__compare">
                  <p>
                    <strong>{comparing.title}</strong> was edited in {target.name} since Tideline last exported it. Compare, then choose.
                  </p>
                  <div className="dialog__actions">
                    <button className="button" onClick={() => setComparing(null)}>
                      Back
                    </button>
                    <button className="button" onClick={() => void keepTheirs(comparing)}>
                      Keep the help center’s version
                    </button>
                    <button
                      className="button button--danger"
                      onClick={() => void run({ articleIds: [comparing.articleId], overwrite: [comparing.articleId] })}
                    >
                      Overwrite with Tideline’s version
                    </button>
                  </div>
                  <DiffView
                    before={`${comparing.remote.title}\n\n${comparing.remote.body}`}
                    after={`${comparing.local.title}\n\n${comparing.local.body}`}
                    beforeLabel={`Now in ${target.name}`}
                    afterLabel="Tideline’s version"
                  />
                </div>
              ) : (
                <ul className="export__rows" aria-label="Articles">
                  {records
                    .filter((r) => r.status !== 'done')
                    .map((r) => (
                      <li key={`r${r.articleId}`} className={`export-row export-row--${r.status}`}>
                        <span className="export-row__title">{r.title}</span>
                        <span className={`badge${r.status === 'failed' ? ' badge--bad' : r.status === 'conflict' ? ' badge--warn' : ''}`}>
                          {STATUS_LABEL[r.status]}
                        </span>
                        <span className="export-row__why muted">
                          {r.status === 'pending' && r.nextAttemptAt
                            ? `Next try at ${new Date(r.nextAttemptAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}. `
                            : ''}
                          {r.error ?? (r.status === 'conflict' ? 'Someone changed it there; nothing was overwritten.' : '')}
                        </span>
                        {r.status === 'conflict' && (
                          <button className="button button--small" onClick={() => setComparing(r)}>
                            Compare…
                          </button>
                        )}
                        {r.status === 'failed' && (
                          <button
                            className="button button--small"
                            disabled={running}
                            onClick={() => void run({ articleIds: [r.articleId] })}
                          >
                            Retry
                          </button>
                        )}
                      </li>
                    ))}
                  {plan
                    ?.filter((p) => !records.some((r) => r.articleId === p.articleId && r.status !== 'done'))
                    .map((p) => (
                      <li key={`p${p.articleId}`} className="export-row">
                        <span className="export-row__title">{p.title}</span>
                        <span className={`badge${p.action === 'skip' ? '' : ' badge--info'}`}>{ACTION_LABEL[p.action]}</span>
                        <span className="export-row__why muted">{p.reason}</span>
                        {p.externalUrl &&
                          (/^https?:/.test(p.externalUrl) ? (
                            <a className="export-row__link" href={p.externalUrl} target="_blank" rel="noreferrer">
                              Open
                            </a>
                          ) : (
                            <span className="export-row__link muted" title={p.externalUrl}>
                              File
                            </span>
                          ))}
                      </li>
                    ))}
                </ul>
              )}
            </>
          ) : null}
        </section>
      </div>
      {form && (
        <TargetForm
          kind={form.kind}
          target={form.target}
          onClose={() => setForm(null)}
          onSaved={(t) => {
            void loadTargets().then(() => setSelected(t.id));
          }}
        />
      )}
    </Dialog>
  );
}

/** Where a target writes, in a line: the folder, or the help center's account. */
function whereTo(t: ExportTarget): string {
  if (t.config.folder) return t.config.folder;
  const account = t.config.subdomain ?? t.config.domain;
  const state = t.config.state === 'published' ? 'published' : 'as drafts';
  return `${EXPORT_TARGETS[t.kind].label}${account ? ` · ${account}` : ''} · ${state}`;
}
