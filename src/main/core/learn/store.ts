import type { DB } from '../db/open';
import type { Evidence } from '../draft/evidence';
import { preparedEvidence } from './prepared-evidence';
import { redactionRules } from '../draft/rules';
import { nowIso } from '../db/open';
import type { RawEvidence } from '../draft/evidence';
import type { PiiKind } from '../../../shared/domain/draft';
import { FIRST_QUESTION, FIRST_REPLY } from '../tickets/sql';

/** Tickets' evidence with personal details removed by the workspace's rules: what every drafter and topic works from. */
export function redactedEvidence(db: DB, ticketIds: number[]): Evidence[] {
  return preparedEvidence(db, loadEvidence(db, ticketIds), redactionRules(db));
}

/** Evidence rows for tickets: the first customer message, the first public human reply, the people's names. */
export function loadEvidence(db: DB, ticketIds: number[]): RawEvidence[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.subject, t.created_at, t.requester_name, t.requester_id, t.requester_email,
         ${FIRST_QUESTION} AS question,
         ${FIRST_REPLY} AS answer,
         (SELECT group_concat(DISTINCT author_name) FROM messages WHERE ticket_id = t.id AND role = 'agent' AND author_name IS NOT NULL) AS authors
       FROM tickets t WHERE t.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ticketIds)) as {
    id: number;
    subject: string | null;
    created_at: string;
    requester_name: string | null;
    requester_id: string | null;
    requester_email: string | null;
    question: string | null;
    answer: string | null;
    authors: string | null;
  }[];
  return rows
    .filter((r) => r.question && r.answer)
    .map((r) => ({
      ticketId: r.id,
      subject: r.subject,
      question: r.question!,
      answer: r.answer!,
      createdAt: r.created_at,
      customerId: r.requester_id ?? r.requester_email ?? r.requester_name,
      names: [r.requester_name ?? '', ...(r.authors ?? '').split(',')].filter(Boolean),
    }));
}

export interface NewDraft {
  topicId: number;
  kind: 'new' | 'update' | 'stale' | 'conflict';
  /** For update and stale drafts: the article and the version the change is against. */
  articleId?: number | null;
  baseVersion?: number | null;
  title: string;
  bodyMd: string;
  drafter: string;
  redactions: Partial<Record<PiiKind, number>>;
  evidence: { ticketId: number; role: 'supporting' | 'outlier' | 'conflicting' }[];
}

/** `now`: one learning run's drafts share its time, so the board lists them together, most asked first. */
export function insertDraft(db: DB, draft: NewDraft, now = nowIso()): number {
  const notes = Object.entries(draft.redactions).map(([kind, count]) => ({ kind, count }));
  const id = Number(
    db
      .prepare(
        `INSERT INTO drafts (topic_id, kind, status, title, body_md, article_id, base_version, drafter, redaction_notes, created_at, updated_at)
         VALUES (?, ?, 'suggested', ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        draft.topicId,
        draft.kind,
        draft.title,
        draft.bodyMd,
        draft.articleId ?? null,
        draft.baseVersion ?? null,
        draft.drafter,
        JSON.stringify(notes),
        now,
        now,
      ).lastInsertRowid,
  );
  const evidence = db.prepare('INSERT INTO draft_evidence (draft_id, ticket_id, role) VALUES (?, ?, ?)');
  for (const e of draft.evidence) evidence.run(id, e.ticketId, e.role);
  return id;
}
