import type { ReviewEvent } from '../../shared/domain/draft';
import { formatTime } from '../features/tickets/bits';
import { DiffView } from './DiffView';

const STATUS: Record<string, string> = {
  suggested: 'Suggested',
  in_review: 'In review',
  approved: 'Approved',
  published: 'Published',
  rejected: 'Rejected',
};
type DraftFields = { status?: string; title?: string; body_md?: string; labels?: string; drafter?: string; article_id?: number | null };

function describe(e: ReviewEvent): string {
  const before = (e.before?.draft ?? {}) as DraftFields;
  const after = (e.after?.draft ?? {}) as DraftFields;
  const move =
    before.status && after.status && before.status !== after.status ? ` (${STATUS[before.status]} → ${STATUS[after.status]})` : '';
  switch (e.action) {
    case 'approve':
      return `Approved as article ${String(e.after?.articleId)}, version ${String(e.after?.version)}`;
    case 'reject':
      return `Rejected: “${e.reason ?? ''}”`;
    case 'move':
      return `Moved${move}`;
    case 'restore':
      return `Brought back for review${move}`;
    case 'publish':
      return 'Marked as published';
    case 'edit':
      return `Edited${move}`;
    case 'regenerate':
      return `Redrafted with ${after.drafter ?? 'another drafter'}${move}`;
    case 'label': {
      const labels = JSON.parse(after.labels ?? '[]') as string[];
      return labels.length ? `Labels: ${labels.join(', ')}` : 'Labels removed';
    }
    case 'merge':
      return e.after?.into !== undefined
        ? `Merged into #${String(e.after.into)}`
        : `Merged in ${(e.after?.merged as number[] | undefined)?.map((id) => `#${id}`).join(', ') ?? 'cards'}`;
    case 'split':
      return e.after?.into !== undefined
        ? `Split ${(e.after.moved as unknown[]).length} tickets into #${String(e.after.into)}`
        : `Split from #${String(e.after?.from)}`;
    case 'start':
      return e.after?.answered ? 'Started from a topic still collecting evidence' : 'Started to write the answer: no two replies agreed';
    case 'archive':
      return 'Archived';
    case 'unarchive':
      return 'Restored from the archive';
    case 'article_edit':
      return `Edited: version ${String(e.after?.version)}`;
    case 'undo':
      return e.reason ?? 'Undo';
    default:
      return e.action;
  }
}

/** The text change an event made, if any: before and after bodies. */
function textChange(e: ReviewEvent): { before: string; after: string } | null {
  if (e.action === 'article_edit') return { before: String(e.before?.bodyMd ?? ''), after: String(e.after?.bodyMd ?? '') };
  const before = (e.before?.draft ?? {}) as DraftFields;
  const after = (e.after?.draft ?? {}) as DraftFields;
  if (before.body_md !== undefined && after.body_md !== undefined && before.body_md !== after.body_md)
    return { before: before.body_md, after: after.body_md };
  return null;
}

/** Who did what, when, with the before and after. */
export function AuditTrail({ events, empty }: { events: ReviewEvent[]; empty: string }) {
  if (!events.length) return <p className="muted">{empty}</p>;
  return (
    <ol className="audit" aria-label="Audit trail">
      {[...events].reverse().map((e) => {
        const change = textChange(e);
        return (
          <li key={e.id} className={`audit__item${e.undone ? ' audit__item--undone' : ''}`}>
            <div className="audit__head">
              <span className="audit__what">{describe(e)}</span>
              {e.undone && <span className="tag">undone</span>}
            </div>
            <div className="muted audit__meta">
              {e.actor} · {formatTime(e.at)}
            </div>
            {change && (
              <details className="audit__change">
                <summary>Show the change</summary>
                <DiffView before={change.before} after={change.after} beforeLabel="Before" afterLabel="After" />
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
