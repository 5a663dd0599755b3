import { AppError } from '../../../shared/api/errors';
import type { DB } from '../db/open';
import { nowIso } from '../db/open';
import { inTransaction } from '../db/transaction';

interface DraftRow {
  id: number;
  topic_id: number | null;
  kind: string;
  status: string;
  title: string;
  body_md: string;
  article_id: number | null;
}

function draftRow(db: DB, id: number): DraftRow {
  const row = db.prepare('SELECT id, topic_id, kind, status, title, body_md, article_id FROM drafts WHERE id = ?').get(id) as DraftRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no draft ${id}.`);
  if (row.status !== 'suggested' && row.status !== 'in_review') throw new AppError('CONFLICT', `Draft ${id} is already ${row.status}.`);
  return row;
}

function audit(db: DB, e: { draftId: number; articleId: number | null; actor: string; action: string; before: unknown; after: unknown; reason?: string }): void {
  db.prepare('INSERT INTO review_events (draft_id, article_id, actor, action, before, after, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    e.draftId,
    e.articleId,
    e.actor,
    e.action,
    JSON.stringify(e.before),
    JSON.stringify(e.after),
    e.reason ?? null,
    nowIso(),
  );
}

/**
 * Approves a draft in one transaction: a new article (version 1), or for an update or stale
 * draft a new version of its article; the draft is marked approved and the audit trail gets a row.
 */
export function approveDraft(db: DB, id: number, actor = 'lead'): { articleId: number; version: number } {
  return inTransaction(db, () => {
    const draft = draftRow(db, id);
    if (draft.kind === 'conflict') throw new AppError('CONFLICT', 'A conflict card needs a decision first: edit it into one answer.');
    const now = nowIso();
    let articleId: number;
    let version: number;
    if (draft.article_id !== null) {
      articleId = draft.article_id;
      version = ((db.prepare('SELECT max(version) FROM article_versions WHERE article_id = ?').pluck().get(articleId) as number | null) ?? 0) + 1;
      db.prepare(`UPDATE articles SET title = ?, current_version = ?, status = 'active', updated_at = ? WHERE id = ?`).run(draft.title, version, now, articleId);
    } else {
      articleId = Number(db.prepare('INSERT INTO articles (topic_id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(draft.topic_id, draft.title, now, now).lastInsertRowid);
      version = 1;
    }
    db.prepare('INSERT INTO article_versions (article_id, version, title, body_md, draft_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      articleId,
      version,
      draft.title,
      draft.body_md,
      id,
      actor,
      now,
    );
    db.prepare(`UPDATE drafts SET status = 'approved', article_id = ?, approved_at = ?, updated_at = ? WHERE id = ?`).run(articleId, now, now, id);
    audit(db, { draftId: id, articleId, actor, action: 'approve', before: { status: draft.status }, after: { status: 'approved', articleId, version } });
    return { articleId, version };
  });
}

/** Rejects a draft with a reason; its topic is not suggested again unless new evidence arrives. */
export function rejectDraft(db: DB, id: number, reason: string, actor = 'lead'): void {
  inTransaction(db, () => {
    const draft = draftRow(db, id);
    db.prepare(`UPDATE drafts SET status = 'rejected', reject_reason = ?, updated_at = ? WHERE id = ?`).run(reason, nowIso(), id);
    audit(db, { draftId: id, articleId: draft.article_id, actor, action: 'reject', before: { status: draft.status }, after: { status: 'rejected' }, reason });
  });
}
