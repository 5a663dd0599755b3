import { cosine } from '../embed/embedder';
import { fitIdf, LexicalEmbedder } from '../embed/lexical';
import type { DB } from '../db/open';
import { FIRST_QUESTION } from '../tickets/sql';
import { questionText } from '../text/clean';

/**
 * How sure the replay must be that an article answers a question (cosine of the built-in
 * embedder, fitted on the articles and questions at hand). Tuned on the demo's ground truth:
 * above it, the matched article is the right one for nearly every question (see the metrics tests).
 */
export const ANSWER_CONFIDENCE = 0.3;

export interface ReplayQuestion {
  ticketId: number;
  createdAt: string;
  aiResolved: boolean;
  /** The ground truth's topic, where the workspace has one (the demo, labelled imports). */
  truthTopic: string | null;
  text: string;
}

export interface ReplayArticle {
  id: number;
  /** When this text entered the knowledge base. */
  since: string;
  text: string;
  truthTopic: string | null;
}

/** Article text as matched against questions: its title, and its body without Markdown marks. */
export function articleText(title: string, bodyMd: string): string {
  return `${title}\n${bodyMd.replace(/[#*_`>|[\]()-]/g, ' ')}`;
}

/** AI-involved questions in a time range (and an optional extra filter on `t`), oldest first. */
export function loadQuestions(db: DB, from: string, to: string, where: { sql: string; params: unknown[] } = { sql: '', params: [] }, limit = 1_000_000): ReplayQuestion[] {
  return (
    db
      .prepare(
        `SELECT t.id, t.created_at, t.subject, t.ai_resolved, ${FIRST_QUESTION} AS question, tt.truth ->> 'topic' AS topic
         FROM tickets t LEFT JOIN ticket_truth tt ON tt.ticket_id = t.id
         WHERE t.ai_involved = 1 AND t.created_at >= ? AND t.created_at < ?${where.sql}
         ORDER BY t.created_at DESC LIMIT ?`,
      )
      .all(from, to, ...where.params, limit) as { id: number; created_at: string; subject: string | null; ai_resolved: number; question: string | null; topic: string | null }[]
  )
    .reverse()
    .map((r) => ({ ticketId: r.id, createdAt: r.created_at, aiResolved: r.ai_resolved === 1, truthTopic: r.topic, text: questionText(r.subject, r.question) }))
    .filter((q) => q.text);
}

/** Every version of every active article, with the topic most of its evidence is about (ground truth). */
export function loadArticleVersions(db: DB): ReplayArticle[] {
  const rows = db
    .prepare(
      `SELECT v.article_id, v.title, v.body_md, v.created_at,
         (SELECT tt.truth ->> 'topic' FROM article_versions v2 JOIN draft_evidence e ON e.draft_id = v2.draft_id AND e.role = 'supporting'
            JOIN ticket_truth tt ON tt.ticket_id = e.ticket_id
          WHERE v2.article_id = v.article_id AND v2.version <= v.version AND tt.truth ->> 'topic' IS NOT NULL
          GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS topic
       FROM article_versions v JOIN articles a ON a.id = v.article_id
       WHERE a.status = 'active' ORDER BY v.created_at`,
    )
    .all() as { article_id: number; title: string; body_md: string; created_at: string; topic: string | null }[];
  return rows.map((r) => ({ id: r.article_id, since: r.created_at, text: articleText(r.title, r.body_md), truthTopic: r.topic }));
}

/** Vectors for questions and articles in one space: the built-in embedder fitted on both. */
export class ReplaySpace {
  private readonly embedder: LexicalEmbedder;
  constructor(texts: string[]) {
    this.embedder = new LexicalEmbedder(fitIdf(texts));
  }
  embed(text: string): Float32Array {
    return this.embedder.embedOne(text);
  }
}

/** The best article for a question among `articles` (by vector), if it is confident enough. */
export function bestMatch<T extends { vector: Float32Array }>(question: Float32Array, articles: T[]): { article: T; score: number } | null {
  let best: T | null = null;
  let score = ANSWER_CONFIDENCE;
  for (const a of articles) {
    const s = cosine(question, a.vector);
    if (s >= score) [best, score] = [a, s];
  }
  return best ? { article: best, score } : null;
}
