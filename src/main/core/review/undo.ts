import { AppError } from '../../../shared/api/errors';
import type { ReviewEvent } from '../../../shared/domain/draft';
import type { DB } from '../db/open';
import { nowIso } from '../db/open';
import { inTransaction } from '../db/transaction';
import { Batch, batchEvents, lastBatch } from './audit';
import { unsplit } from './split';
import { updateDraft, type DraftFields } from './state';

export interface UndoOutcome {
  batch: string;
  action: string;
  undone: number;
}

/**
 * Reverses one review action (the last one when no batch is given), in one transaction.
 * Refused when a card or article it touched changed since: undo the later change first.
 */
export function undoBatch(db: DB, batch?: string, actor = 'lead'): UndoOutcome {
  return inTransaction(db, () => {
    const id = batch ?? lastBatch(db);
    if (!id) throw new AppError('NOT_FOUND', 'There is nothing to undo.');
    const events = batchEvents(db, id);
    if (!events.length) throw new AppError('NOT_FOUND', 'That action is not in the audit trail.');
    if (events.every((e) => e.undone)) throw new AppError('CONFLICT', 'That action was undone already.');
    for (const e of events) assertNothingLater(db, e);
    const trail = new Batch(db, actor);
    for (const e of [...events].reverse()) {
      reverse(db, e);
      trail.record({
        draftId: draftStillThere(db, e.draftId),
        articleId: articleStillThere(db, e.articleId),
        action: 'undo',
        reason: `Undid ${e.action}`,
        before: e.after,
        after: e.before,
      });
    }
    db.prepare('UPDATE review_events SET undone_at = ? WHERE batch = ?').run(nowIso(), id);
    return { batch: id, action: events[0]!.action, undone: events.length };
  });
}

function assertNothingLater(db: DB, e: ReviewEvent): void {
  const later = (column: string, value: number | null) =>
    value !== null &&
    db
      .prepare(`SELECT 1 FROM review_events WHERE ${column} = ? AND id > ? AND undone_at IS NULL AND action != 'undo' AND batch IS NOT ?`)
      .get(value, e.id, e.batch) !== undefined;
  if (later('draft_id', e.draftId))
    throw new AppError('CONFLICT', `Draft ${e.draftId} changed after this ${e.action}: undo the later change first.`);
  if (later('article_id', e.articleId))
    throw new AppError('CONFLICT', `Article ${e.articleId} changed after this ${e.action}: undo the later change first.`);
}

const draftStillThere = (db: DB, id: number | null) => (id !== null && db.prepare('SELECT 1 FROM drafts WHERE id = ?').get(id) ? id : null);
const articleStillThere = (db: DB, id: number | null) =>
  id !== null && db.prepare('SELECT 1 FROM articles WHERE id = ?').get(id) ? id : null;

function reverse(db: DB, e: ReviewEvent): void {
  const before = e.before ?? {};
  const after = e.after ?? {};
  switch (e.action) {
    case 'approve':
      return unapprove(
        db,
        e.draftId!,
        after.articleId as number,
        after.version as number,
        before.article as ArticleFields | null,
        before.draft as DraftFields,
      );
    case 'split':
      if (after.into === undefined) return; // the new card's row: the parent's row removes it
      unsplit(db, e.draftId!, after.into as number, after.moved as Parameters<typeof unsplit>[3]);
      updateDraft(db, e.draftId!, before.draft as DraftFields);
      return;
    case 'start':
      db.prepare('DELETE FROM drafts WHERE id = ?').run(e.draftId); // its topic collects evidence again
      return;
    case 'merge':
      if (Array.isArray(after.added)) {
        db.prepare('DELETE FROM draft_evidence WHERE draft_id = ? AND ticket_id IN (SELECT value FROM json_each(?))').run(
          after.into,
          JSON.stringify(after.added),
        );
      }
      updateDraft(db, e.draftId!, before.draft as DraftFields);
      return;
    case 'archive':
    case 'unarchive':
      db.prepare('UPDATE articles SET status = ?, updated_at = ? WHERE id = ?').run(before.status, nowIso(), e.articleId);
      return;
    case 'article_edit':
      db.prepare('DELETE FROM article_versions WHERE article_id = ? AND version = ?').run(e.articleId, after.version);
      db.prepare('UPDATE articles SET title = ?, current_version = ?, updated_at = ? WHERE id = ?').run(
        before.title,
        before.version,
        nowIso(),
        e.articleId,
      );
      return;
    case 'article_import':
      db.prepare('DELETE FROM article_versions WHERE article_id = ? AND version = ?').run(e.articleId, after.version);
      if (e.before === null) {
        db.prepare('UPDATE review_events SET article_id = NULL WHERE article_id = ?').run(e.articleId);
        db.prepare('DELETE FROM articles WHERE id = ?').run(e.articleId);
      } else db.prepare('UPDATE articles SET current_version = ?, updated_at = ? WHERE id = ?').run(before.version, nowIso(), e.articleId);
      return;
    default:
      if (before.draft) updateDraft(db, e.draftId!, before.draft as DraftFields);
  }
}

interface ArticleFields {
  title: string;
  current_version: number;
  status: string;
}

function unapprove(db: DB, draftId: number, articleId: number, version: number, previous: ArticleFields | null, draft: DraftFields): void {
  db.prepare('DELETE FROM article_versions WHERE article_id = ? AND version = ?').run(articleId, version);
  if (previous) {
    db.prepare('UPDATE articles SET title = ?, current_version = ?, status = ?, updated_at = ? WHERE id = ?').run(
      previous.title,
      previous.current_version,
      previous.status,
      nowIso(),
      articleId,
    );
  } else {
    // the trail outlives the article it created
    db.prepare('UPDATE review_events SET article_id = NULL WHERE article_id = ?').run(articleId);
    db.prepare('DELETE FROM articles WHERE id = ?').run(articleId);
  }
  updateDraft(db, draftId, draft);
}
