import type { DB } from '../db/open';
import { KnowledgeMatcher, type KnowledgeEntry, type MatchQuestion } from '../learn/matcher';
import { FIRST_QUESTION } from '../tickets/sql';
import { questionText } from '../text/clean';

export interface ReplayQuestion {
  ticketId: number;
  createdAt: string;
  aiResolved: boolean;
  /** The ground truth's topic, where the workspace has one (the demo, labelled imports). */
  truthTopic: string | null;
  text: string;
}

/** One version of an article as the replay sees it: from when, its text, and the tickets behind it. */
export interface ReplayArticle extends KnowledgeEntry {
  articleId: number;
  version: number;
  /** When this version entered the knowledge base. */
  since: string;
  truthTopic: string | null;
}

/** Article text as matched when an article has no evidence: its title, and its body without Markdown marks. */
export function articleText(title: string, bodyMd: string): string {
  return `${title}\n${bodyMd.replace(/[#*_`>|[\]()-]/g, ' ')}`;
}

/** AI-involved questions in a time range (and an optional extra filter on `t`), oldest first. */
export function loadQuestions(
  db: DB,
  from: string,
  to: string,
  where: { sql: string; params: unknown[] } = { sql: '', params: [] },
  limit = 1_000_000,
): ReplayQuestion[] {
  return (
    db
      .prepare(
        `SELECT t.id, t.created_at, t.subject, t.ai_resolved, ${FIRST_QUESTION} AS question, tt.truth ->> 'topic' AS topic
         FROM tickets t LEFT JOIN ticket_truth tt ON tt.ticket_id = t.id
         WHERE t.ai_involved = 1 AND t.created_at >= ? AND t.created_at < ?${where.sql}
         ORDER BY t.created_at DESC LIMIT ?`,
      )
      .all(from, to, ...where.params, limit) as {
      id: number;
      created_at: string;
      subject: string | null;
      ai_resolved: number;
      question: string | null;
      topic: string | null;
    }[]
  )
    .reverse()
    .map((r) => ({
      ticketId: r.id,
      createdAt: r.created_at,
      aiResolved: r.ai_resolved === 1,
      truthTopic: r.topic,
      text: questionText(r.subject, r.question),
    }))
    .filter((q) => q.text);
}

/**
 * Every version of every active article, with the tickets behind it (the supporting evidence of
 * the drafts that made it and its earlier versions) and the topic most of them are about
 * (ground truth, where known).
 */
export function loadArticleVersions(db: DB): ReplayArticle[] {
  const rows = db
    .prepare(
      `SELECT v.id, v.article_id, v.version, v.title, v.body_md, v.created_at,
         (SELECT json_group_array(DISTINCT e.ticket_id) FROM article_versions v2 JOIN draft_evidence e ON e.draft_id = v2.draft_id AND e.role = 'supporting'
          WHERE v2.article_id = v.article_id AND v2.version <= v.version) AS evidence,
         (SELECT tt.truth ->> 'topic' FROM article_versions v2 JOIN draft_evidence e ON e.draft_id = v2.draft_id AND e.role = 'supporting'
            JOIN ticket_truth tt ON tt.ticket_id = e.ticket_id
          WHERE v2.article_id = v.article_id AND v2.version <= v.version AND tt.truth ->> 'topic' IS NOT NULL
          GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS topic
       FROM article_versions v JOIN articles a ON a.id = v.article_id
       WHERE a.status = 'active' ORDER BY v.created_at`,
    )
    .all() as {
    id: number;
    article_id: number;
    version: number;
    title: string;
    body_md: string;
    created_at: string;
    evidence: string;
    topic: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    version: r.version,
    since: r.created_at,
    text: articleText(r.title, r.body_md),
    evidence: JSON.parse(r.evidence) as number[],
    truthTopic: r.topic,
  }));
}

/** What the evidence tickets ask, for the matcher. */
export function evidenceQuestions(db: DB, ticketIds: number[]): Map<number, string> {
  const rows = db
    .prepare(`SELECT t.id, t.subject, ${FIRST_QUESTION} AS question FROM tickets t WHERE t.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify([...new Set(ticketIds)])) as { id: number; subject: string | null; question: string | null }[];
  return new Map(rows.map((r) => [r.id, questionText(r.subject, r.question)]));
}

/**
 * Topics the grouping found that none of `entries` answers: two or more handed-over tickets it put
 * together (by question and answer, or a coverage gap by question alone; casework left out) that
 * are no article's (a card not approved yet, a coverage gap, a topic still collecting evidence) and
 * hold none of the entries' evidence. One ticket alone is no topic.
 */
export function unansweredTopics(db: DB, entries: KnowledgeEntry[]): KnowledgeEntry[] {
  const answered = new Set(entries.flatMap((e) => e.evidence));
  return (
    db
      .prepare(
        `SELECT tt.topic_id AS id, json_group_array(tt.ticket_id) AS tickets
         FROM topic_tickets tt JOIN tickets t ON t.id = tt.ticket_id AND t.handover = 1
         WHERE tt.role <> 'account_specific' AND tt.topic_id NOT IN (SELECT topic_id FROM articles WHERE topic_id IS NOT NULL)
         GROUP BY tt.topic_id HAVING count(*) >= 2`,
      )
      .all() as { id: number; tickets: string }[]
  )
    .map((r) => ({ id: r.id, evidence: JSON.parse(r.tickets) as number[], text: '' }))
    .filter((topic) => !topic.evidence.some((id) => answered.has(id)));
}

/**
 * The knowledge matcher over some entries, for some questions, in the workspace's meaning space,
 * with the topics none of them answers beside them (see `unansweredTopics`).
 */
export function replayMatcher<T extends KnowledgeEntry>(
  db: DB,
  entries: T[],
  questions: MatchQuestion[],
  options: { embedMissing?: boolean } = {},
): Promise<KnowledgeMatcher<T>> {
  const others = unansweredTopics(db, entries);
  return KnowledgeMatcher.build(
    db,
    entries,
    questions,
    evidenceQuestions(
      db,
      [...entries, ...others].flatMap((e) => e.evidence),
    ),
    { ...options, others },
  );
}
