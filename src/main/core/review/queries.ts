import { AppError } from '../../../shared/api/errors';
import type {
  DraftDetail,
  DraftEvidence,
  DraftKind,
  DraftStatus,
  DraftSummary,
  TeamCardInfo,
  TeamTile,
} from '../../../shared/domain/draft';
import type { DB } from '../db/open';
import { BOT_ATTEMPT, FIRST_QUESTION, FIRST_REPLY } from '../tickets/sql';
import { teamConfig } from '../team/config';
import { historyOf } from './audit';
import { emptySection } from '../../../shared/sections';
import { answerToWrite } from './to-write';

export interface DraftFilter {
  status?: DraftStatus;
  kind?: DraftKind;
  label?: string;
  /** Words in the title or the article, or a card number (#12). */
  query?: string;
  id?: number;
  /** On a team's board: cards assigned to this member ('me'), to nobody, or to the member with this id. */
  assignee?: string;
}

interface CardRow {
  id: number;
  kind: DraftKind;
  status: DraftStatus;
  title: string;
  topic_id: number | null;
  drafter: string;
  created_at: string;
  updated_at: string;
  labels: string;
  article_id: number | null;
  reject_reason: string | null;
  merged_into: number | null;
  topic_size: number;
  evidence: string;
  published_url: string | null;
  shared: number;
  assignee: string | null;
  edited: string | null;
  standing: string | null;
  open_body: string | null;
}

/** Shared snippets (from a teammate's helpdesk) get ids below this one: negative, never a ticket's, never an archived snippet's. */
const SHARED_EVIDENCE_IDS = -1_000_000_000;

/** Cards waiting for the lead: suggested, or taken into review and not decided yet. */
export function cardsToReview(db: DB): number {
  return db.prepare(`SELECT count(*) FROM drafts WHERE status IN ('suggested', 'in_review')`).pluck().get() as number;
}

/**
 * The board's cards, newest first; light enough to list thousands. The cards one learning run
 * made share its time and come most asked first; an approved card counts from its approval, so
 * the last one approved tops its column.
 */
export function listDrafts(db: DB, filter: DraftFilter = {}): DraftSummary[] {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (filter.id !== undefined) add('d.id = ?', filter.id);
  if (filter.status) add('d.status = ?', filter.status);
  if (filter.kind) add('d.kind = ?', filter.kind);
  if (filter.label) add('EXISTS (SELECT 1 FROM json_each(d.labels) WHERE value = ?)', filter.label);
  if (filter.assignee === 'nobody') add(`tc.assignee IS NULL`);
  else if (filter.assignee)
    add(`json_extract(tc.assignee, '$.member') = ?`, filter.assignee === 'me' ? (teamConfig(db)?.member ?? '') : filter.assignee);
  const query = filter.query?.trim();
  if (query) {
    const number = /^#?(\d+)$/.exec(query);
    if (number) add('d.id = ?', Number(number[1]));
    else
      for (const word of query.split(/\s+/))
        add(`(d.title LIKE ? ESCAPE '\\' OR d.body_md LIKE ? ESCAPE '\\')`, ...Array(2).fill(`%${word.replace(/[\\%_]/g, '\\$&')}%`));
  }
  const rows = db
    .prepare(
      `SELECT d.id, d.kind, d.status, d.title, d.topic_id, d.drafter, d.created_at, d.updated_at, d.labels, d.article_id, d.reject_reason, d.merged_into,
         coalesce((SELECT size FROM topics WHERE id = d.topic_id), (SELECT count(*) FROM shared_evidence WHERE draft_id = d.id)) AS topic_size,
         (SELECT json_group_array(id) FROM (
            SELECT ticket_id AS id FROM draft_evidence WHERE draft_id = d.id AND role = 'supporting'
            UNION ALL SELECT ${SHARED_EVIDENCE_IDS} - position FROM shared_evidence WHERE draft_id = d.id)) AS evidence,
         coalesce(
           (SELECT external_url FROM exports WHERE draft_id = d.id AND status = 'done' ORDER BY exported_at DESC LIMIT 1),
           -- a teammate's publication: a help-center page (a file they exported is on their disk, not here)
           (SELECT value ->> 'url' FROM team_articles, json_each(exports)
            WHERE article_id = d.article_id AND d.status = 'published' AND value ->> 'url' LIKE 'http%' ORDER BY value ->> 'at' DESC LIMIT 1)
         ) AS published_url,
         tc.card_key IS NOT NULL AS shared, tc.assignee, tc.edited, tc.standing,
         CASE WHEN d.status IN ('suggested', 'in_review') THEN d.body_md END AS open_body
       FROM drafts d LEFT JOIN team_cards tc ON tc.draft_id = d.id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY coalesce(d.approved_at, d.created_at) DESC, json_array_length(evidence) DESC, d.id DESC`,
    )
    .all(...params) as CardRow[];
  return rows.map((r): DraftSummary => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    title: r.title,
    topicId: r.topic_id,
    topicSize: r.topic_size,
    drafter: r.drafter,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    evidenceTicketIds: JSON.parse(r.evidence) as number[],
    labels: JSON.parse(r.labels) as string[],
    articleId: r.article_id,
    rejectReason: r.reject_reason,
    mergedInto: r.merged_into,
    publishedUrl: r.published_url,
    emptySection: r.open_body === null ? null : (emptySection(r.open_body)?.title ?? null),
    team: r.shared ? tileOf(r) : null,
  }));
}

const parsed = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

function tileOf(r: Pick<CardRow, 'assignee' | 'edited' | 'standing'>): TeamTile {
  return {
    assignee: parsed(r.assignee),
    edited: parsed(r.edited),
    standing: parsed(r.standing),
  };
}

/** Each ticket behind a draft: the question, the AI's attempt, the human reply. */
export function evidenceOfDraft(db: DB, draftId: number): DraftEvidence[] {
  const rows = db
    .prepare(
      `SELECT e.ticket_id, e.role, t.external_id, t.created_at,
         ${FIRST_QUESTION} AS question,
         ${BOT_ATTEMPT} AS bot,
         ${FIRST_REPLY} AS reply,
         c.delta_kind
       FROM draft_evidence e JOIN tickets t ON t.id = e.ticket_id LEFT JOIN corrections c ON c.ticket_id = t.id
       WHERE e.draft_id = ? ORDER BY e.role != 'supporting', t.created_at DESC`,
    )
    .all(draftId) as {
    ticket_id: number;
    role: DraftEvidence['role'];
    external_id: string;
    created_at: string;
    question: string | null;
    bot: string | null;
    reply: string | null;
    delta_kind: string | null;
  }[];
  const live = rows.map((e) => ({
    ticketId: e.ticket_id,
    externalId: e.external_id,
    role: e.role,
    createdAt: e.created_at,
    question: e.question ?? '',
    botAttempt: e.bot,
    humanReply: e.reply,
    deltaKind: e.delta_kind,
  }));
  // tickets deleted for retention: kept without personal details; negative ids never name a ticket
  const archived = (
    db
      .prepare(
        'SELECT id, role, created_at, question, bot_attempt, human_reply, delta_kind FROM archived_evidence WHERE draft_id = ? ORDER BY created_at DESC',
      )
      .all(draftId) as {
      id: number;
      role: DraftEvidence['role'];
      created_at: string;
      question: string;
      bot_attempt: string | null;
      human_reply: string | null;
      delta_kind: string | null;
    }[]
  ).map((a) => ({
    ticketId: -a.id,
    externalId: 'deleted',
    role: a.role,
    createdAt: a.created_at,
    question: a.question,
    botAttempt: a.bot_attempt,
    humanReply: a.human_reply,
    deltaKind: a.delta_kind,
    archived: true,
  }));
  // cards another member of the team put on the board: their redacted snippets, no ticket here
  const shared = (
    db.prepare('SELECT position, external_id, question, answer FROM shared_evidence WHERE draft_id = ? ORDER BY position').all(draftId) as {
      position: number;
      external_id: string;
      question: string;
      answer: string | null;
    }[]
  ).map((e): DraftEvidence => ({
    ticketId: SHARED_EVIDENCE_IDS - e.position,
    externalId: e.external_id,
    role: 'supporting',
    createdAt: '',
    question: e.question,
    botAttempt: null,
    humanReply: e.answer,
    deltaKind: null,
    shared: true,
  }));
  return [...live, ...archived, ...shared];
}

export function getDraft(db: DB, id: number): DraftDetail {
  const [card] = listDrafts(db, { id });
  if (!card) throw new AppError('NOT_FOUND', `There is no draft ${id}.`);
  const row = db.prepare('SELECT body_md, redaction_notes, base_version FROM drafts WHERE id = ?').get(id) as {
    body_md: string;
    redaction_notes: string;
    base_version: number | null;
  };
  const base =
    card.articleId !== null && row.base_version !== null && (card.kind === 'update' || card.kind === 'stale' || card.status !== 'approved')
      ? ((db
          .prepare(
            'SELECT article_id AS articleId, version, title, body_md AS bodyMd FROM article_versions WHERE article_id = ? AND version = ?',
          )
          .get(card.articleId, row.base_version) as DraftDetail['base'] | undefined) ?? null)
      : null;
  return {
    ...card,
    bodyMd: row.body_md,
    redactions: JSON.parse(row.redaction_notes) as { kind: string; count: number }[],
    evidence: evidenceOfDraft(db, id),
    base,
    history: historyOf(db, { draftId: id }),
    team: teamInfoOf(db, id),
    answerToWrite: answerToWrite(db, id),
  };
}

/** The team's decisions on a shared card (see team/board-sync.ts), or null. */
function teamInfoOf(db: DB, draftId: number): TeamCardInfo | null {
  const row = db.prepare('SELECT decisions, overruled, assignee, edited, standing FROM team_cards WHERE draft_id = ?').get(draftId) as
    (Pick<CardRow, 'assignee' | 'edited' | 'standing'> & { decisions: string; overruled: string }) | undefined;
  if (!row) return null;
  const you = teamConfig(db)?.member;
  return {
    ...tileOf(row),
    decisions: JSON.parse(row.decisions) as TeamCardInfo['decisions'],
    overruled: JSON.parse(row.overruled) as TeamCardInfo['overruled'],
    you: you ?? '',
  };
}
