import { useEffect, useState } from 'react';
import { isJobActive } from '../../../shared/domain/job';
import type { DraftDetail, DraftSummary, TopicSummary } from '../../../shared/domain/draft';
import { api } from '../../api';
import { ScreenHeader } from '../../components/AppFrame';
import { EmptyState } from '../../components/EmptyState';
import { icons } from '../../components/icons';
import { Markdown } from '../../components/Markdown';
import { useApp } from '../../stores/app';
import { formatDate } from '../tickets/bits';

const KIND_LABEL: Record<DraftSummary['kind'], string> = { new: 'New article', update: 'Update', stale: 'Stale', conflict: 'Conflict' };
const ROLE_LABEL = { supporting: 'Evidence', outlier: 'Set aside', conflicting: 'Other answer' } as const;

/** Drafts the learning engine suggests, each with its article and the tickets behind it. */
export function BoardScreen() {
  const dataVersion = useApp((s) => s.dataVersion);
  const jobs = useApp((s) => s.jobs);
  const applyJob = useApp((s) => s.applyJob);
  const notify = useApp((s) => s.notify);
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null);
  const [collecting, setCollecting] = useState<TopicSummary[]>([]);
  const [selected, setSelected] = useState<DraftDetail | null>(null);
  const isOpen = (d: DraftSummary) => d.status === 'suggested' || d.status === 'in_review';
  const toReview = drafts?.filter(isOpen) ?? null;
  const learning = Object.values(jobs).some((j) => (j.kind === 'learn.backfill' || j.kind === 'learn.loop') && isJobActive(j));
  const learnedAt = Object.values(jobs).filter((j) => j.kind.startsWith('learn.') && j.finishedAt).length;

  useEffect(() => {
    void api.invoke('drafts.list', {}).then(setDrafts, () => setDrafts([]));
    void api.invoke('topics.list', {}).then((topics) => setCollecting(topics.filter((t) => t.draftStatus === null)), () => setCollecting([]));
  }, [dataVersion, learnedAt]);

  const start = async (method: 'learn.backfill' | 'learn.run') => {
    try {
      applyJob(await api.invoke(method, {}));
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };
  const open = async (id: number) => {
    setRejecting(false);
    setSelected(await api.invoke('drafts.get', { id }));
  };
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const refresh = async () => setDrafts(await api.invoke('drafts.list', {}));
  const approve = async (draft: DraftDetail) => {
    try {
      const done = await api.invoke('drafts.approve', { id: draft.id });
      notify('info', `Approved “${draft.title}”: article ${done.articleId}, version ${done.version}.`);
      setSelected(null);
      await refresh();
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };
  const reject = async (draft: DraftDetail) => {
    try {
      await api.invoke('drafts.reject', { id: draft.id, reason });
      notify('info', `Rejected “${draft.title}”. It will not be suggested again without new evidence.`);
      setSelected(null);
      setReason('');
      await refresh();
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };

  const actions = (
    <>
      <button className="button" onClick={() => start('learn.run')} disabled={learning}>
        Check new handovers
      </button>
      <button className="button button--primary" onClick={() => start('learn.backfill')} disabled={learning}>
        {learning ? 'Learning…' : 'Learn from past tickets'}
      </button>
    </>
  );

  return (
    <div className="board-screen">
      <ScreenHeader
        title="Review board"
        subtitle={toReview ? `${toReview.length} drafts to review` : 'Loading…'}
        actions={actions}
      />
      {toReview && toReview.length === 0 ? (
        <EmptyState icon={icons.board} title="No drafts yet">
          <p>
            Drafts appear once the same correction has come up three times (the repeat threshold). To start with what your
            team already knows, <strong>Learn from past tickets</strong> drafts one article per recurring question in your last
            5,000 resolved tickets.
          </p>
        </EmptyState>
      ) : (
        <div className={`drafts-split${selected ? ' drafts-split--open' : ''}`}>
          <div className="draft-column">
          <ul className="draft-list" aria-label="Drafts">
            {toReview?.map((d) => (
              <li key={d.id}>
                <button className={`draft-card${selected?.id === d.id ? ' draft-card--selected' : ''}`} onClick={() => open(d.id)}>
                  <span className="draft-card__title">{d.title}</span>
                  <span className="draft-card__meta">
                    <span className={`flag flag--${d.kind === 'conflict' ? 'danger' : d.kind === 'new' ? 'ok' : 'warn'}`}>{KIND_LABEL[d.kind]}</span>
                    <span>{d.evidenceTicketIds.length} tickets</span>
                    <span>{d.drafter}</span>
                    <span>{formatDate(d.createdAt)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {collecting.length > 0 && (
            <details className="collecting">
              <summary>{collecting.length} topics still collecting evidence</summary>
              <ul aria-label="Topics collecting evidence">
                {collecting.map((t) => (
                  <li key={t.id} title={t.representative}>
                    <span>{t.label}</span>
                    <span className="muted">{t.agreeing} agreeing of {t.size}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          </div>
          {selected && (
            <article className="draft-view" aria-label={`Draft ${selected.title}`}>
              <header className="draft-view__head">
                <span className={`flag flag--${selected.kind === 'conflict' ? 'danger' : 'ok'}`}>{KIND_LABEL[selected.kind]}</span>
                <button className="icon-button" aria-label="Close draft" onClick={() => setSelected(null)}>
                  {icons.close}
                </button>
              </header>
              <Markdown source={selected.bodyMd} />
              {selected.redactions.length > 0 && (
                <p className="redactions">
                  Removed before drafting: {selected.redactions.map((r) => `${r.count} × ${r.kind}`).join(', ')}.
                </p>
              )}
              {(selected.kind === 'update' || selected.kind === 'stale') && (
                <p className="banner banner--warn">
                  {selected.kind === 'stale' ? 'Your team now answers this differently from the approved article.' : 'Your team adds to the approved article.'} Approving makes a new version of it.
                </p>
              )}
              <div className="row draft-view__actions">
                {selected.kind !== 'conflict' && (
                  <button className="button button--primary" onClick={() => approve(selected)}>
                    Approve
                  </button>
                )}
                {rejecting ? (
                  <>
                    <input className="input" autoFocus placeholder="Why? (so it is not suggested again)" value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason for rejecting" />
                    <button className="button" disabled={!reason.trim()} onClick={() => reject(selected)}>
                      Reject
                    </button>
                  </>
                ) : (
                  <button className="button" onClick={() => setRejecting(true)}>
                    Reject…
                  </button>
                )}
              </div>
              <h3 className="draft-view__evidence-title">The tickets behind it</h3>
              <ol className="evidence">
                {selected.evidence.slice(0, 30).map((e) => (
                  <li key={e.ticketId} className={`evidence__item evidence__item--${e.role}`}>
                    <div className="evidence__head">
                      <span>#{e.externalId}</span>
                      <span className="tag">{ROLE_LABEL[e.role]}</span>
                      {e.deltaKind && <span className="tag">{e.deltaKind.replace('_', ' ')}</span>}
                      <span className="muted">{formatDate(e.createdAt)}</span>
                    </div>
                    <div className="evidence__question">{e.question}</div>
                    <div className="evidence__pair">
                      <div>
                        <div className="evidence__label">AI agent</div>
                        <div className="evidence__text">{e.botAttempt ?? '—'}</div>
                      </div>
                      <div>
                        <div className="evidence__label">Human agent</div>
                        <div className="evidence__text">{e.humanReply ?? '—'}</div>
                      </div>
                    </div>
                  </li>
                ))}
              </ol>
              {selected.evidence.length > 30 && <p className="muted">and {selected.evidence.length - 30} more tickets.</p>}
            </article>
          )}
        </div>
      )}
    </div>
  );
}
