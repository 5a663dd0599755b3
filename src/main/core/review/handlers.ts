import { AppError } from '../../../shared/api/errors';
import type { Engine } from '../app';
import type { JobService } from '../jobs/handlers';
import type { Workspaces } from '../workspace/workspaces';
import { cardsToReview, getDraft, listDrafts } from './queries';
import { ReviewBoard } from './review';
import { undoBatch } from './undo';

/** The review board: cards, their detail, every action on them, and undo. */
export function registerReviewHandlers(engine: Engine, workspaces: Workspaces, jobs: JobService): void {
  const db = () => workspaces.requireCurrent().db;
  const board = () => new ReviewBoard(db());
  engine.register('drafts.list', (filter) => listDrafts(db(), filter));
  engine.register('drafts.waiting', () => ({ toReview: cardsToReview(db()) }));
  engine.register('drafts.get', ({ id }) => getDraft(db(), id));
  engine.register('drafts.approve', ({ ids }) => board().approve(ids));
  engine.register('drafts.reject', ({ ids, reason }) => board().reject(ids, reason));
  engine.register('drafts.move', ({ ids, to }) => board().move(ids, to));
  engine.register('drafts.edit', ({ id, title, bodyMd }) => board().edit(id, { title, bodyMd }));
  engine.register('drafts.label', ({ ids, add, remove }) => board().label(ids, add, remove));
  engine.register('drafts.merge', ({ into, ids }) => board().merge(into, ids));
  engine.register('drafts.split', ({ id, ticketIds }) => board().split(id, ticketIds));
  engine.register('drafts.start', ({ topicId }) => board().start(topicId));
  engine.register('drafts.regenerate', ({ id, drafter }) => {
    // a clear NOT_FOUND now rather than a failed job later
    const { emptySection, answerToWrite } = getDraft(db(), id);
    if (emptySection !== null)
      throw new AppError(
        'VALIDATION',
        `Write the “${emptySection}” section of draft ${id} first: its tickets hold no agreed answer to draft from.`,
      );
    if (answerToWrite)
      throw new AppError(
        'VALIDATION',
        `Draft ${id}'s answer is yours to write: its tickets hold no agreed answer to draft from, so it is not written again from them.`,
      );
    return jobs.runner().start('learn.redraft', { draftId: id, drafter });
  });
  engine.register('review.undo', ({ batch }) => undoBatch(db(), batch));
}
