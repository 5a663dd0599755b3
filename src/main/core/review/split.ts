import { AppError } from '../../../shared/api/errors';
import type { DB } from '../db/open';
import { nowIso } from '../db/open';
import { extractiveFor } from '../learn/redraft';
import { redactedEvidence } from '../learn/store';
import type { Batch } from './audit';
import { draftState, fieldsOf, insertCardInReview, requireOpen, updateDraft } from './state';
import { answerToWrite } from './to-write';
import { questionDraft } from '../draft/extractive';

type Role = 'supporting' | 'outlier' | 'conflicting';

/**
 * Moves some of a card's tickets to a new card (in review, drafted from them alone with the
 * extractive drafter) and a topic of their own, so the learning loop keeps them apart.
 * Returns the new draft's id.
 */
export function splitOne(db: DB, batch: Batch, id: number, ticketIds: number[]): number {
  const parent = draftState(db, id);
  requireOpen(parent);
  const rows = db.prepare('SELECT ticket_id, role FROM draft_evidence WHERE draft_id = ?').all(id) as { ticket_id: number; role: Role }[];
  const moving = new Set(ticketIds);
  const unknown = ticketIds.filter((t) => !rows.some((r) => r.ticket_id === t));
  if (unknown.length) throw new AppError('VALIDATION', `Ticket ${unknown[0]} is not evidence of draft ${id}.`);
  const moved = rows.filter((r) => moving.has(r.ticket_id));
  const kept = rows.filter((r) => !moving.has(r.ticket_id));
  if (!moved.some((r) => r.role !== 'outlier') || !kept.some((r) => r.role !== 'outlier')) {
    throw new AppError('VALIDATION', 'Both cards need at least one ticket that is not set aside: pick some of the tickets, not all.');
  }
  const evidence = redactedEvidence(
    db,
    rows.map((r) => r.ticket_id),
  );
  const movedEvidence = evidence.filter((e) => moving.has(e.ticketId));
  // tickets of a card whose answer is the lead's to write hold no agreed answer either
  const answered = !answerToWrite(db, id);
  const drafted = extractiveFor(db, id, movedEvidence);
  const content = answered ? drafted : questionDraft(movedEvidence, drafted.title);
  const origin = (db.prepare('SELECT origin FROM topics WHERE id = ?').pluck().get(parent.topic_id) as string | undefined) ?? 'correction';
  const now = nowIso();
  const topicId = Number(
    db
      .prepare(`INSERT INTO topics (origin, label, representative, size, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(origin, content.title, movedEvidence[0]?.question ?? content.title, moved.length, now, now).lastInsertRowid,
  );
  const movedIds = JSON.stringify(moved.map((r) => r.ticket_id));
  if (parent.topic_id !== null) {
    db.prepare(`UPDATE topics SET size = size - ?, updated_at = ? WHERE id = ?`).run(moved.length, now, parent.topic_id);
    db.prepare(`UPDATE topic_tickets SET topic_id = ? WHERE topic_id = ? AND ticket_id IN (SELECT value FROM json_each(?))`).run(
      topicId,
      parent.topic_id,
      movedIds,
    );
  }
  db.prepare(`DELETE FROM draft_evidence WHERE draft_id = ? AND ticket_id IN (SELECT value FROM json_each(?))`).run(id, movedIds);
  const { id: created, fields: createdAfter } = insertCardInReview(
    db,
    topicId,
    content,
    movedEvidence,
    moved.map((r) => ({ ticketId: r.ticket_id, role: r.role === 'conflicting' ? 'supporting' : r.role })),
  );
  const after = updateDraft(db, id, { status: 'in_review' });
  batch.record({
    draftId: id,
    articleId: parent.article_id,
    action: 'split',
    before: { draft: fieldsOf(parent) },
    after: { draft: after, into: created, moved },
  });
  batch.record({ draftId: created, action: 'split', after: { draft: createdAfter, from: id, answered } });
  return created;
}

/** Puts split tickets back on the card they came from and removes the card and topic the split made. */
export function unsplit(db: DB, id: number, created: number, moved: { ticket_id: number; role: Role }[]): void {
  const child = db.prepare('SELECT topic_id FROM drafts WHERE id = ?').get(created) as { topic_id: number | null } | undefined;
  const parentTopic = db.prepare('SELECT topic_id FROM drafts WHERE id = ?').pluck().get(id) as number | null;
  db.prepare('DELETE FROM drafts WHERE id = ?').run(created);
  const restore = db.prepare('INSERT OR IGNORE INTO draft_evidence (draft_id, ticket_id, role) VALUES (?, ?, ?)');
  for (const r of moved) restore.run(id, r.ticket_id, r.role);
  if (parentTopic !== null && child?.topic_id) {
    db.prepare('UPDATE topic_tickets SET topic_id = ? WHERE topic_id = ?').run(parentTopic, child.topic_id);
    db.prepare('DELETE FROM topics WHERE id = ?').run(child.topic_id);
    db.prepare('UPDATE topics SET size = size + ? WHERE id = ?').run(moved.length, parentTopic);
  }
}
