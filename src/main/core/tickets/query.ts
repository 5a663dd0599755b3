import { AppError } from '../../../shared/api/errors';
import type { MessageRole, TicketDetail, TicketFacets, TicketPage, TicketSummary } from '../../../shared/domain/ticket';
import type { DB } from '../db/open';
import type { FlagColumns } from './derive';
import { QUESTION_LINE } from './sql';

export interface TicketFilter {
  text?: string;
  aiInvolved?: boolean;
  handover?: boolean;
  aiResolved?: boolean;
  unanswered?: boolean;
  status?: string;
  tag?: string;
  /** Created on or after (ISO date or date-time). */
  from?: string;
  /** Created before the end of this day (ISO date) or before this instant. */
  to?: string;
  sourceId?: number;
  /** Ranked ticket ids from hybrid search: the list keeps their order instead of newest first. */
  rankedIds?: number[];
}

const FLAG_COLUMNS = { aiInvolved: 'ai_involved', handover: 'handover', aiResolved: 'ai_resolved', unanswered: 'unanswered' } as const;

/** The words of a search, as full text matches them (letters and digits; no operators from the user). */
export const searchWords = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? [];

/** Words to an FTS5 query: each word quoted, all required; the last one a prefix when `lastIsPrefix`. */
export function ftsMatch(words: string[], lastIsPrefix = true): string | null {
  if (!words.length) return null;
  return words.map((w, i) => `"${w}"${lastIsPrefix && i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** A search text to an FTS5 query: every word required, the last as a prefix (still being typed). */
export const ftsQuery = (text: string): string | null => ftsMatch(searchWords(text));

function endOf(to: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(Date.parse(to) + 24 * 3600 * 1000).toISOString() : new Date(to).toISOString();
}

/** WHERE clause and parameters; `withFlags` false leaves the four flag filters out (for their counts). */
function where(filter: TicketFilter, withFlags = true): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const fts = filter.text && !filter.rankedIds ? ftsQuery(filter.text) : null;
  if (filter.rankedIds) {
    clauses.push('t.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.rankedIds));
  }
  if (fts) {
    clauses.push('t.id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?)');
    params.push(fts);
  }
  if (withFlags) {
    for (const [key, column] of Object.entries(FLAG_COLUMNS)) {
      const value = filter[key as keyof typeof FLAG_COLUMNS];
      if (value !== undefined) clauses.push(`t.${column} = ${value ? 1 : 0}`);
    }
  }
  if (filter.status) {
    clauses.push('t.status = ?');
    params.push(filter.status);
  }
  if (filter.tag) {
    clauses.push('t.id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)');
    params.push(filter.tag);
  }
  if (filter.from) {
    clauses.push('t.created_at >= ?');
    params.push(new Date(filter.from).toISOString());
  }
  if (filter.to) {
    clauses.push('t.created_at < ?');
    params.push(endOf(filter.to));
  }
  if (filter.sourceId !== undefined) {
    clauses.push('t.source_id = ?');
    params.push(filter.sourceId);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

interface SummaryRow extends FlagColumns {
  id: number;
  external_id: string;
  source_name: string;
  subject: string | null;
  status: string | null;
  channel: string | null;
  created_at: string;
  tags: string;
  csat: string | null;
  message_count: number;
  preview: string | null;
}

/**
 * A ticket's row in the list; its preview is what the customer asks, read as the learning engine
 * reads it (a question sent in two messages whole), without the hello and the signature.
 */
const SUMMARY_COLUMNS = `t.id, t.external_id, s.name AS source_name, t.subject, t.status, t.channel, t.created_at, t.tags, t.csat,
  t.solved, t.ai_involved, t.handover, t.handover_at, t.ai_resolved, t.unanswered, t.reopened,
  (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id) AS message_count,
  substr(${QUESTION_LINE}, 1, 240) AS preview`;

function toSummary(row: SummaryRow): TicketSummary {
  return {
    id: row.id,
    externalId: row.external_id,
    sourceName: row.source_name,
    subject: row.subject,
    status: row.status,
    channel: row.channel,
    createdAt: row.created_at,
    tags: JSON.parse(row.tags) as string[],
    csat: row.csat,
    solved: row.solved === 1,
    aiInvolved: row.ai_involved === 1,
    handover: row.handover === 1,
    handoverAt: row.handover_at,
    aiResolved: row.ai_resolved === 1,
    unanswered: row.unanswered === 1,
    reopened: row.reopened === 1,
    messageCount: row.message_count,
    preview: (row.preview ?? '').replace(/\s+/g, ' ').trim(),
  };
}

/** A page of tickets, newest first. */
export function listTickets(db: DB, filter: TicketFilter, offset: number, limit: number): TicketPage {
  const w = where(filter);
  const total = (db.prepare(`SELECT count(*) AS n FROM tickets t ${w.sql}`).get(...w.params) as { n: number }).n;
  const ranked = filter.rankedIds ? 'JOIN json_each(?) r ON r.value = t.id' : '';
  const order = filter.rankedIds ? 'r.key' : 't.created_at DESC, t.id DESC';
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM tickets t JOIN sources s ON s.id = t.source_id ${ranked} ${w.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...(filter.rankedIds ? [JSON.stringify(filter.rankedIds)] : []), ...w.params, limit, offset) as SummaryRow[];
  return { total, offset, rows: rows.map(toSummary) };
}

/** Counts beside each filter: the flags within the other filters, statuses and top tags. */
export function ticketFacets(db: DB, filter: TicketFilter): TicketFacets {
  const w = where(filter, false);
  const sums = db
    .prepare(
      `SELECT count(*) AS total, coalesce(sum(ai_involved), 0) AS ai, coalesce(sum(handover), 0) AS ho,
       coalesce(sum(ai_resolved), 0) AS res, coalesce(sum(unanswered), 0) AS un FROM tickets t ${w.sql}`,
    )
    .get(...w.params) as { total: number; ai: number; ho: number; res: number; un: number };
  const full = where(filter);
  const statuses = db
    .prepare(
      `SELECT t.status AS value, count(*) AS count FROM tickets t ${full.sql} ${full.sql ? 'AND' : 'WHERE'} t.status IS NOT NULL GROUP BY t.status ORDER BY count DESC`,
    )
    .all(...full.params) as { value: string; count: number }[];
  const tags = db
    .prepare(
      `SELECT tag AS value, count(*) AS count FROM ticket_tags ${full.sql ? `WHERE ticket_id IN (SELECT t.id FROM tickets t ${full.sql})` : ''}
       GROUP BY tag ORDER BY count DESC, tag LIMIT 30`,
    )
    .all(...full.params) as { value: string; count: number }[];
  return { total: sums.total, aiInvolved: sums.ai, handover: sums.ho, aiResolved: sums.res, unanswered: sums.un, statuses, tags };
}

export function getTicket(db: DB, id: number): TicketDetail {
  const row = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, t.solved_at, t.requester_name, t.requester_email FROM tickets t JOIN sources s ON s.id = t.source_id WHERE t.id = ?`,
    )
    .get(id) as (SummaryRow & { solved_at: string | null; requester_name: string | null; requester_email: string | null }) | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no ticket ${id} in this workspace.`);
  const messages = db
    .prepare(
      'SELECT id, external_id, role, public, created_at, body, author_name FROM messages WHERE ticket_id = ? ORDER BY created_at, id',
    )
    .all(id) as {
    id: number;
    external_id: string;
    role: MessageRole;
    public: number;
    created_at: string;
    body: string;
    author_name: string | null;
  }[];
  return {
    ...toSummary(row),
    solvedAt: row.solved_at,
    requesterName: row.requester_name,
    requesterEmail: row.requester_email,
    messages: messages.map((m) => ({
      id: m.id,
      externalId: m.external_id,
      role: m.role,
      public: m.public === 1,
      createdAt: m.created_at,
      body: m.body,
      authorName: m.author_name,
    })),
  };
}
