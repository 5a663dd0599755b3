import { useEffect, useState } from 'react';
import type { DraftDetail } from '../../../shared/domain/draft';
import { impactLeadIn, type DraftImpact } from '../../../shared/domain/metrics';
import type { TeamStatus } from '../../../shared/domain/team';
import { api } from '../../api';
import { AuditTrail } from '../../components/AuditTrail';
import { DiffView } from '../../components/DiffView';
import { EvidenceList } from '../../components/EvidenceList';
import { icons } from '../../components/icons';
import { Markdown } from '../../components/Markdown';
import { MarkdownEditor } from '../../components/MarkdownEditor';
import { Tabs } from '../../components/Tabs';
import { useBoard } from '../../stores/board';
import { age, columnOf, COLUMNS, KIND_LABEL, KIND_TONE } from './columns';
import { CardTeamBar } from './TeamOnBoard';
import { emptySection } from '../../../shared/sections';

type Tab = 'article' | 'changes' | 'evidence' | 'history';

/** One card opened: its article (or the editor), the change against the current article, the tickets behind it, its trail. */
export function CardDetail({
  draft,
  team,
  looking,
}: {
  draft: DraftDetail;
  /** The workspace's team, when it reviews as one. */
  team: TeamStatus['team'];
  /** Who else has this card open. */
  looking: string[] | undefined;
}) {
  const { act, publish, close, setDialog, editing, setEditing } = useBoard();
  const isOpen = draft.status === 'suggested' || draft.status === 'in_review';
  const hasChanges = draft.base !== null;
  const [tab, setTab] = useState<Tab>(hasChanges ? 'changes' : 'article');
  const [title, setTitle] = useState(draft.title);
  const [body, setBody] = useState(draft.bodyMd);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  useEffect(() => {
    setTab(draft.base ? 'changes' : 'article');
    setPicked(new Set());
  }, [draft.id, draft.base]);
  useEffect(() => {
    setTitle(draft.title);
    setBody(draft.bodyMd);
  }, [draft.id, draft.title, draft.bodyMd, editing]);

  const [impact, setImpact] = useState<DraftImpact | null>(null);
  // a card from a teammate's helpdesk: this machine holds none of the questions its impact is measured on
  const fromTeammate = draft.evidence.length > 0 && draft.evidence.every((e) => e.shared);
  useEffect(() => {
    setImpact(null);
    if (!isOpen || fromTeammate) return;
    let live = true;
    void api.invoke('drafts.impact', { id: draft.id }).then(
      (i) => live && setImpact(i),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // measured again when the article changes, or its tickets (a split, a merge)
  }, [draft.id, draft.bodyMd, draft.evidence.length, isOpen, fromTeammate]);

  const dirty = title !== draft.title || body !== draft.bodyMd;
  // an answer still to write: approving waits for it
  const unwritten = editing ? (emptySection(body)?.title ?? null) : draft.emptySection;
  const save = async (thenApprove: boolean) => {
    if (dirty) {
      const saved = await act(
        () => api.invoke('drafts.edit', { id: draft.id, title, bodyMd: body }),
        () => `Saved “${title}”.`,
      );
      if (!saved) return;
    }
    setEditing(false);
    if (thenApprove)
      await act(
        () => api.invoke('drafts.approve', { ids: [draft.id] }),
        (o) => approvedMessage(o.approved),
      );
  };
  const tabs: { id: Tab; label: string }[] = [
    { id: 'article', label: 'Article' },
    ...(hasChanges ? [{ id: 'changes' as const, label: 'Changes' }] : []),
    { id: 'evidence', label: `Evidence (${draft.evidence.length})` },
    { id: 'history', label: `History (${draft.history.length})` },
  ];
  const column = COLUMNS.find((c) => c.id === columnOf(draft))!;

  return (
    <aside className="card-detail" aria-label={`Draft ${draft.title}`}>
      <header className="card-detail__head">
        <div className="card-detail__badges">
          <span className={`flag flag--${KIND_TONE[draft.kind]}`}>{KIND_LABEL[draft.kind]}</span>
          <span className="tag">{column.title}</span>
          <span className="muted">
            #{draft.id} · {draft.drafter} · {age(draft.createdAt)} old
          </span>
        </div>
        <button className="icon-button" aria-label="Close draft" title="Close (Esc)" onClick={close}>
          {icons.close}
        </button>
      </header>
      {!editing && <h2 className="card-detail__title">{draft.title}</h2>}
      {draft.labels.length > 0 && (
        <div className="card-detail__labels">
          {draft.labels.map((l) => (
            <span key={l} className="label-chip">
              {l}
            </span>
          ))}
        </div>
      )}
      {impact && <ImpactLine impact={impact} leadIn={impactLeadIn(draft)} />}
      {draft.team && team && <CardTeamBar card={draft} team={team} looking={looking} />}
      {draft.team && <TeamDecisions team={draft.team} />}
      {draft.rejectReason && (
        <p className="banner">{draft.mergedInto ? `Merged into #${draft.mergedInto}.` : `Rejected: “${draft.rejectReason}”`}</p>
      )}

      <div className="row card-detail__actions">
        {editing ? (
          <>
            <button
              className="button button--primary"
              onClick={() => save(true)}
              disabled={(draft.kind === 'conflict' && !dirty) || unwritten !== null}
              title={unwritten !== null ? `Write the “${unwritten}” section first` : undefined}
            >
              Save and approve
            </button>
            <button className="button" onClick={() => save(false)} disabled={!dirty}>
              Save
            </button>
            <button className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            {isOpen && draft.kind !== 'conflict' && (
              <button
                className="button button--primary"
                disabled={unwritten !== null}
                title={unwritten !== null ? `Write the “${unwritten}” section first (Edit, e)` : 'Approve (a)'}
                onClick={() =>
                  act(
                    () => api.invoke('drafts.approve', { ids: [draft.id] }),
                    (o) => approvedMessage(o.approved),
                  )
                }
              >
                Approve
              </button>
            )}
            {isOpen && (
              <button className={`button${unwritten !== null ? ' button--primary' : ''}`} title="Edit (e)" onClick={() => setEditing(true)}>
                {draft.kind === 'conflict' ? 'Edit into one answer' : unwritten === 'Answer' ? 'Write the answer' : 'Edit'}
              </button>
            )}
            {isOpen && (
              <button className="button" title="Reject (r)" onClick={() => setDialog({ kind: 'reject', ids: [draft.id] })}>
                Reject…
              </button>
            )}
            {isOpen && (
              <button className="button" title="Merge (m)" onClick={() => setDialog({ kind: 'merge', ids: [draft.id] })}>
                Merge…
              </button>
            )}
            {draft.status === 'suggested' && (
              <button
                className="button"
                onClick={() =>
                  act(
                    () => api.invoke('drafts.move', { ids: [draft.id], to: 'in_review' }),
                    () => 'Moved to In review.',
                  )
                }
              >
                Start review
              </button>
            )}
            {draft.status === 'approved' && (
              <button className="button button--primary" title="Publish (p)" onClick={() => void publish([draft.id])}>
                Publish
              </button>
            )}
            {draft.status === 'approved' && (
              <button
                className="button"
                title="For an article you put in the help center yourself"
                onClick={() =>
                  act(
                    () => api.invoke('drafts.move', { ids: [draft.id], to: 'published' }),
                    () => 'Marked as published.',
                  )
                }
              >
                Mark as published
              </button>
            )}
            {draft.status === 'published' && draft.publishedUrl && <PublishedLink url={draft.publishedUrl} />}
            {draft.status === 'rejected' && (
              <button
                className="button"
                onClick={() =>
                  act(
                    () => api.invoke('drafts.move', { ids: [draft.id], to: 'in_review' }),
                    () => 'Back in review.',
                  )
                }
              >
                Review again
              </button>
            )}
            <button className="button" title="Labels (t)" onClick={() => setDialog({ kind: 'label', ids: [draft.id] })}>
              Labels…
            </button>
            {isOpen && (
              // a card whose answer is the lead's to write has no agreed answer to draft from: a drafter would write a stock line up
              <button
                className="button"
                disabled={unwritten !== null || draft.answerToWrite}
                title={
                  unwritten !== null
                    ? `Write the “${unwritten}” section first`
                    : draft.answerToWrite
                      ? 'The answer is yours to write: no two of its tickets were answered alike'
                      : undefined
                }
                onClick={() => setDialog({ kind: 'regenerate', ids: [draft.id] })}
              >
                Regenerate with…
              </button>
            )}
          </>
        )}
      </div>

      {isOpen && draft.emptySection !== null && !editing && (
        <p className="banner banner--warn">
          The “{draft.emptySection}” section is empty: write it before approving. What your team replied is under Evidence.
        </p>
      )}
      {editing ? (
        <>
          <MarkdownEditor
            title={title}
            body={body}
            onTitle={setTitle}
            onBody={setBody}
            onSubmit={() => void save(false)}
            onCancel={() => setEditing(false)}
            caret={emptySection(draft.bodyMd)?.offset}
          />
          {draft.emptySection !== null && (
            // the replies to write the answer from, beside the editor
            <details className="card-detail__replies" open>
              <summary>What your team replied ({draft.evidence.length})</summary>
              <EvidenceList evidence={draft.evidence} />
            </details>
          )}
        </>
      ) : (
        <>
          <Tabs label="Draft" tabs={tabs} value={tab} onChange={setTab} />
          <div className="card-detail__body" role="tabpanel">
            {tab === 'article' && (
              <>
                {draft.redactions.length > 0 && (
                  <p className="redactions">Removed before drafting: {draft.redactions.map((r) => `${r.count} × ${r.kind}`).join(', ')}.</p>
                )}
                <Markdown source={draft.bodyMd} />
              </>
            )}
            {tab === 'changes' && draft.base && (
              <>
                <p className="banner banner--warn">
                  {draft.kind === 'stale'
                    ? 'Your team now answers this differently from the approved article.'
                    : 'Your team adds to the approved article.'}{' '}
                  Approving makes version {draft.base.version + 1} of it.
                </p>
                <DiffView
                  before={draft.base.bodyMd}
                  after={draft.bodyMd}
                  beforeLabel={`Article, version ${draft.base.version}`}
                  afterLabel="This draft"
                />
              </>
            )}
            {tab === 'evidence' && (
              <>
                {isOpen && (
                  <div className="row split-bar">
                    <span className="muted">
                      {picked.size ? `${picked.size} tickets picked` : 'Pick tickets to split them into a card of their own.'}
                    </span>
                    <button
                      className="button"
                      disabled={!picked.size}
                      onClick={async () => {
                        const done = await act(
                          () => api.invoke('drafts.split', { id: draft.id, ticketIds: [...picked] }),
                          (o) => `Split ${picked.size} tickets into card #${o.created}.`,
                        );
                        if (done) setPicked(new Set());
                      }}
                    >
                      Split into a new card
                    </button>
                  </div>
                )}
                <EvidenceList
                  evidence={draft.evidence}
                  picked={isOpen ? picked : undefined}
                  onPick={
                    isOpen
                      ? (id) =>
                          setPicked((p) => {
                            const next = new Set(p);
                            if (!next.delete(id)) next.add(id);
                            return next;
                          })
                      : undefined
                  }
                />
              </>
            )}
            {tab === 'history' && <AuditTrail events={draft.history} empty="Nobody has acted on this card yet." />}
          </div>
        </>
      )}
    </aside>
  );
}

/** The replay's verdict: what approving this card would change for similar questions (`impactLeadIn`: now, or once the lead has written it). */
function ImpactLine({ impact, leadIn }: { impact: DraftImpact; leadIn: string }) {
  if (!impact.similar) return <p className="impact muted">No recent AI-involved question looks like this one yet.</p>;
  return (
    <p
      className="impact"
      title="Replayed like the backtest: this card's questions and similar recent ones, matched against the knowledge base with and without this article."
    >
      {leadIn} <strong>{impact.wouldAnswer}</strong> of {impact.similar} similar questions
      {impact.answeredToday ? ` (the knowledge base answers ${impact.answeredToday} today)` : ''}; changes{' '}
      <strong className={impact.changesRight ? 'impact__warn' : undefined}>{impact.changesRight}</strong> answer
      {impact.changesRight === 1 ? '' : 's'} that
      {impact.changesRight === 1 ? ' was' : ' were'} right.
    </p>
  );
}

export function approvedMessage(approved: { articleId: number; version: number }[]): string {
  if (approved.length === 1) return `Approved: article ${approved[0]!.articleId}, version ${approved[0]!.version}.`;
  return `Approved ${approved.length} drafts.`;
}

/** Where the board's Publish put the article: a help-center page opens in the browser; a file shows its path. */
export function PublishedLink({ url, compact = false }: { url: string; compact?: boolean }) {
  if (/^https?:\/\//.test(url))
    return (
      <a
        className={compact ? 'board-card__link' : 'button'}
        href={url}
        target="_blank"
        rel="noreferrer"
        onClick={(e) => e.stopPropagation()}
        onPointerDown={(e) => e.stopPropagation()}
      >
        {compact ? new URL(url).host : 'Open in the help center'}
      </a>
    );
  return (
    <span className={compact ? 'board-card__link muted' : 'muted'} title={url}>
      {compact ? 'Exported to a file' : decodeURIComponent(url.replace(/^file:\/\//, ''))}
    </span>
  );
}

const DECIDED: Record<string, string> = { approve: 'approved', reject: 'rejected', reopen: 'reopened', undo: 'took back a decision on' };

/** On a card shared with a team: who decided what, and a word for the lead whose decision gave way to one taken at the same time. */
function TeamDecisions({ team }: { team: NonNullable<DraftDetail['team']> }) {
  const last = [...team.decisions].reverse().find((d) => d.action !== 'undo');
  const mine = team.overruled.filter((o) => o.member === team.you);
  return (
    <>
      {mine.map((o) => (
        <p key={o.at} className="banner banner--warn" role="status">
          You {DECIDED[o.action] ?? o.action} this card {age(o.at)} ago while {o.byName} {DECIDED[o.byAction] ?? o.byAction} it: the two
          decisions crossed, and {o.byName}’s stands for the whole team. Both are in the history.
        </p>
      ))}
      {last && (
        <p className="muted card-detail__team">
          {DECIDED[last.action] ?? last.action} by {last.member === team.you ? 'you' : last.name}, {age(last.at)} ago
          {team.decisions.length > 1 ? ` · ${team.decisions.length} decisions by the team` : ''}
        </p>
      )}
    </>
  );
}
