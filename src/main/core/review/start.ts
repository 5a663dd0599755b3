import { AppError } from '../../../shared/api/errors';
import { extractiveDraft, questionDraft } from '../draft/extractive';
import type { DB } from '../db/open';
import { workspaceBoilerplate } from '../learn/redraft';
import { redactedEvidence } from '../learn/store';
import type { Batch } from './audit';
import { insertCardInReview } from './state';

/**
 * Starts a card, in review, for a topic still collecting evidence, before the learning loop
 * would: its tickets are the card's evidence, and its tickets stay with the card from run to run
 * as any card's do. When their answers agree, the card is drafted from them (no LLM); when they
 * differ (a stock line, a handover, each time another), it holds the ways customers ask and an
 * empty answer for the lead to write, and approving waits for that answer. Returns the card's id.
 */
export function startOne(db: DB, batch: Batch, topicId: number): number {
  const topic = db.prepare('SELECT label FROM topics WHERE id = ?').pluck().get(topicId) as string | undefined;
  if (topic === undefined)
    throw new AppError('NOT_FOUND', `There is no topic ${topicId} any more: learning grouped its tickets again. Refresh and try again.`);
  const card = db.prepare('SELECT id FROM drafts WHERE topic_id = ? ORDER BY id DESC LIMIT 1').pluck().get(topicId) as number | undefined;
  if (card !== undefined) throw new AppError('CONFLICT', `Topic ${topicId} has a card already: #${card}.`);
  // the most typical tickets first: they name the card and give the ways of asking
  const rows = db
    .prepare('SELECT ticket_id, role FROM topic_tickets WHERE topic_id = ? ORDER BY similarity DESC, ticket_id')
    .all(topicId) as { ticket_id: number; role: 'member' | 'outlier' }[];
  const byId = new Map(
    redactedEvidence(
      db,
      rows.map((r) => r.ticket_id),
    ).map((e) => [e.ticketId, e]),
  );
  const evidence = rows.flatMap((r) => byId.get(r.ticket_id) ?? []);
  if (!evidence.length) throw new AppError('VALIDATION', `Topic ${topicId} holds no question with a reply to start a card from.`);
  // answers that all agree are drafted; where any differ, two that agree may be one stock line twice
  const answered = !rows.some((r) => r.role === 'outlier');
  const content = answered ? extractiveDraft(evidence, workspaceBoilerplate(db)) : questionDraft(evidence, topic);
  const setAside = new Set(content.outliers);
  const created = insertCardInReview(
    db,
    topicId,
    content,
    evidence,
    evidence.map((e) => ({ ticketId: e.ticketId, role: setAside.has(e.ticketId) ? 'outlier' : 'supporting' })),
  );
  batch.record({ draftId: created.id, action: 'start', after: { draft: created.fields, topicId, answered } });
  return created.id;
}
