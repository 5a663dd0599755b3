import { AppError } from '../../../shared/api/errors';
import type { RetentionOutcome, RetentionPreview } from '../../../shared/domain/privacy';
import { nowIso, type DB } from '../db/open';
import { inTransaction } from '../db/transaction';
import { redact } from '../draft/redact';
import { redactionRules } from '../draft/rules';
import { deleteTicketsWhere } from '../tickets/delete';
import { BOT_ATTEMPT, FIRST_QUESTION, FIRST_REPLY } from '../tickets/sql';

const DAY_MS = 24 * 3600 * 1000;
/** Evidence of articles that exist: approved or published drafts. */
const KEPT = `SELECT e.draft_id, e.ticket_id, e.role FROM draft_evidence e JOIN drafts d ON d.id = e.draft_id AND d.status IN ('approved', 'published')`;

function cutoffOf(olderThanDays: number, now: number): string {
  if (!Number.isInteger(olderThanDays) || olderThanDays < 1) throw new AppError('VALIDATION', 'Keep at least one day of tickets.');
  return new Date(now - olderThanDays * DAY_MS).toISOString();
}

/** What deleting tickets older than N days would do, before anything is deleted. */
export function retentionPreview(db: DB, olderThanDays: number, now = Date.now()): RetentionPreview {
  const cutoff = cutoffOf(olderThanDays, now);
  const count = (sql: string) => db.prepare(sql).pluck().get(cutoff) as number;
  return {
    cutoff,
    tickets: count('SELECT count(*) FROM tickets WHERE created_at < ?'),
    keptEvidence: count(`SELECT count(*) FROM (${KEPT}) k JOIN tickets t ON t.id = k.ticket_id WHERE t.created_at < ?`),
    articles: count(
      `SELECT count(DISTINCT v.article_id) FROM (${KEPT}) k JOIN tickets t ON t.id = k.ticket_id JOIN article_versions v ON v.draft_id = k.draft_id WHERE t.created_at < ?`,
    ),
    remaining:
      (db.prepare('SELECT count(*) FROM tickets').pluck().get() as number) - count('SELECT count(*) FROM tickets WHERE created_at < ?'),
  };
}

/**
 * Deletes tickets older than N days in one transaction, with everything indexed from them. The
 * evidence behind approved articles is kept first, stripped of personal details and of any
 * link to a customer, so an article still shows why it says what it says.
 */
export function applyRetention(db: DB, olderThanDays: number, now = Date.now()): RetentionOutcome {
  const cutoff = cutoffOf(olderThanDays, now);
  return inTransaction(db, () => {
    const evidence = db
      .prepare(
        `SELECT k.draft_id, k.role, t.created_at, ${FIRST_QUESTION} AS question, ${BOT_ATTEMPT} AS bot, ${FIRST_REPLY} AS reply,
           (SELECT c.delta_kind FROM corrections c WHERE c.ticket_id = t.id) AS delta_kind, t.requester_name,
           (SELECT group_concat(DISTINCT author_name) FROM messages WHERE ticket_id = t.id AND author_name IS NOT NULL) AS authors
         FROM (${KEPT}) k JOIN tickets t ON t.id = k.ticket_id WHERE t.created_at < ?`,
      )
      .all(cutoff) as {
      draft_id: number;
      role: string;
      created_at: string;
      question: string | null;
      bot: string | null;
      reply: string | null;
      delta_kind: string | null;
      requester_name: string | null;
      authors: string | null;
    }[];
    const archive = db.prepare(
      `INSERT INTO archived_evidence (draft_id, role, created_at, question, bot_attempt, human_reply, delta_kind, archived_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const at = nowIso();
    const rules = redactionRules(db);
    for (const e of evidence) {
      // the same names drafting removes: the requester's and everyone who wrote in the ticket
      const names = [e.requester_name ?? '', ...(e.authors ?? '').split(',')].filter(Boolean);
      const clean = (text: string | null) => (text === null ? null : redact(text, names, rules).text);
      archive.run(e.draft_id, e.role, e.created_at, clean(e.question) ?? '', clean(e.bot), clean(e.reply), e.delta_kind, at);
    }
    const deleted = deleteTicketsWhere(db, 'created_at < ?', [cutoff]);
    return { cutoff, deleted, archivedEvidence: evidence.length };
  });
}
