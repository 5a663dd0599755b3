import type { DraftStatus } from '../../../shared/domain/draft';
import { AppError } from '../../../shared/api/errors';

/**
 * The board's state machine: which column a card may move to from which. Approving and
 * rejecting have their own actions (an article version, a reason); undo may step back
 * along any edge it recorded.
 */
export const TRANSITIONS: Readonly<Record<DraftStatus, readonly DraftStatus[]>> = {
  suggested: ['in_review', 'approved', 'rejected'],
  in_review: ['suggested', 'approved', 'rejected'],
  approved: ['published'],
  published: [],
  rejected: ['in_review'],
};

const COLUMN: Record<DraftStatus, string> = {
  suggested: 'Suggested',
  in_review: 'In review',
  approved: 'Approved',
  published: 'Published',
  rejected: 'Rejected',
};

export function isOpen(status: DraftStatus): boolean {
  return status === 'suggested' || status === 'in_review';
}

export function assertTransition(id: number, from: DraftStatus, to: DraftStatus): void {
  if (from === to) throw new AppError('CONFLICT', `Draft ${id} is ${COLUMN[from]} already.`);
  if (!TRANSITIONS[from].includes(to)) {
    const hint =
      from === 'approved'
        ? ' An approved article changes through a new draft (or undo).'
        : from === 'published'
          ? ' It is in the help center already.'
          : '';
    throw new AppError('CONFLICT', `Draft ${id} is ${COLUMN[from]}: it cannot move to ${COLUMN[to]}.${hint}`);
  }
}
