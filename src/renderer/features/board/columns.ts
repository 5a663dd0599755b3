import type { DraftKind, DraftSummary } from '../../../shared/domain/draft';

export type ColumnId = 'suggested' | 'in_review' | 'approved' | 'published' | 'conflicts' | 'rejected';

export const COLUMNS: { id: ColumnId; title: string; empty: string }[] = [
  { id: 'suggested', title: 'Suggested', empty: 'New drafts from the learning engine land here.' },
  { id: 'in_review', title: 'In review', empty: 'Cards you are working on: drag one here, or edit it.' },
  { id: 'approved', title: 'Approved', empty: 'Approved articles wait here to be published.' },
  { id: 'published', title: 'Published', empty: 'Articles that are in the help center.' },
  { id: 'conflicts', title: 'Conflicts', empty: 'Questions your team answers in two ways show up here.' },
  { id: 'rejected', title: 'Rejected', empty: 'Rejected and merged cards.' },
];

export const KIND_LABEL: Record<DraftKind, string> = { new: 'New', update: 'Update', stale: 'Stale', conflict: 'Conflict' };
export const KIND_TONE: Record<DraftKind, string> = { new: 'ok', update: 'warn', stale: 'warn', conflict: 'danger' };

/** Where a card sits: a conflict still under review has its own column. */
export function columnOf(d: DraftSummary): ColumnId {
  if (d.kind === 'conflict' && (d.status === 'suggested' || d.status === 'in_review')) return 'conflicts';
  return d.status;
}

/** The action a drop (or Shift+arrow) into a column means for a card, or why it cannot go there. */
export type ColumnMove =
  { action: 'move'; to: 'suggested' | 'in_review' | 'published' } | { action: 'approve' } | { action: 'reject' } | { refused: string };

export function moveInto(from: ColumnId, to: ColumnId): ColumnMove | null {
  if (from === to) return null;
  const open = from === 'suggested' || from === 'in_review' || from === 'conflicts';
  switch (to) {
    case 'suggested':
      return from === 'in_review' ? { action: 'move', to } : { refused: 'Only cards in review go back to Suggested.' };
    case 'in_review':
      return from === 'suggested' || from === 'rejected'
        ? { action: 'move', to }
        : {
            refused:
              from === 'conflicts'
                ? 'Edit a conflict into one answer: it then moves to In review.'
                : 'An approved article changes through a new draft.',
          };
    case 'approved':
      return from === 'conflicts'
        ? { refused: 'Decide the conflict first: edit it into one answer.' }
        : open
          ? { action: 'approve' }
          : { refused: 'Only cards under review can be approved.' };
    case 'published':
      return from === 'approved' ? { action: 'move', to } : { refused: 'Approve a card before publishing it.' };
    case 'rejected':
      return open ? { action: 'reject' } : { refused: 'Only cards under review can be rejected.' };
    case 'conflicts':
      return { refused: 'Conflicts are found by the learning engine, not made by hand.' };
  }
}

/** Short age: "3 h", "5 d", "2 mo". */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, (now - Date.parse(iso)) / 60_000);
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  if (minutes < 60 * 24 * 60) return `${Math.round(minutes / 1440)} d`;
  return `${Math.round(minutes / 43_200)} mo`;
}
