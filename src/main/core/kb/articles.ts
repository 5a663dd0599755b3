import { teamConfig } from '../team/config';
import { AppError } from '../../../shared/api/errors';
import type { ArticleDetail, ArticleSummary, ReviewOutcome } from '../../../shared/domain/draft';
import type { TicketRef } from '../../../shared/domain/metrics';
import { TICKET_LINE } from '../tickets/sql';
import type { DB } from '../db/open';
import { nowIso } from '../db/open';
import { inTransaction } from '../db/transaction';
import { Batch, historyOf } from '../review/audit';
import { evidenceOfDraft } from '../review/queries';

interface ArticleRow {
  id: number;
  title: string;
  status: 'active' | 'archived';
  current_version: number;
  topic_id: number | null;
  created_at: string;
  updated_at: string;
  body_md: string;
  tags: string;
  evidence: number;
  handed_over: number | null;
}

/** The tickets of an article's topic that a person answered after its current version was approved (needs `a` and `v`). */
const HANDED_OVER_SINCE = `topic_tickets tt JOIN tickets t ON t.id = tt.ticket_id
  WHERE tt.topic_id = a.topic_id AND t.handover = 1 AND t.created_at > v.created_at`;

const SUMMARY = `SELECT a.id, a.title, a.status, a.current_version, a.topic_id, a.created_at, a.updated_at, v.body_md, v.tags,
    (SELECT count(DISTINCT e.ticket_id) FROM draft_evidence e JOIN article_versions av ON av.draft_id = e.draft_id
      WHERE av.article_id = a.id AND e.role = 'supporting')
    + (SELECT count(*) FROM archived_evidence x JOIN article_versions av ON av.draft_id = x.draft_id
      WHERE av.article_id = a.id AND x.role = 'supporting')
    + (SELECT count(*) FROM shared_evidence s JOIN article_versions av ON av.draft_id = s.draft_id WHERE av.article_id = a.id) AS evidence,
    CASE WHEN a.topic_id IS NOT NULL THEN (SELECT count(*) FROM ${HANDED_OVER_SINCE}) END AS handed_over
  FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version`;

const EXCERPT = 180;

/** The start of an article's text without its Markdown (headings, list and quote marks, emphasis), cut between words. */
export function excerptOf(markdown: string): string {
  const text = markdown
    .replace(/^#.*$/gm, '')
    .replace(/^\s*(?:[-*+>]|\d+[.)])\s+/gm, '')
    .replace(/[*`]+/g, '')
    .replace(/(^|\W)_+(?=\w)|(\w)_+(?=\W|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= EXCERPT) return text;
  const cut = text.slice(0, EXCERPT + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT / 2 ? cut.slice(0, space) : cut.slice(0, EXCERPT)).replace(/[\s,;:.]+$/, '')}…`;
}

function summary(r: ArticleRow): ArticleSummary {
  const excerpt = excerptOf(r.body_md);
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    version: r.current_version,
    topicId: r.topic_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    evidenceCount: r.evidence,
    handedOverSince: r.handed_over,
    excerpt,
    tags: JSON.parse(r.tags) as string[],
  };
}

/** The knowledge base: approved articles, most recently changed first, optionally searched and by status. */
export function listArticles(db: DB, filter: { query?: string; status?: 'active' | 'archived' } = {}): ArticleSummary[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    where.push('a.status = ?');
    params.push(filter.status);
  }
  for (const word of filter.query?.trim().split(/\s+/).filter(Boolean) ?? []) {
    where.push(`(a.title LIKE ? ESCAPE '\\' OR v.body_md LIKE ? ESCAPE '\\')`);
    const like = `%${word.replace(/[\\%_]/g, '\\$&')}%`;
    params.push(like, like);
  }
  return (
    db
      .prepare(`${SUMMARY} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.updated_at DESC, a.id DESC`)
      .all(...params) as ArticleRow[]
  ).map(summary);
}

/** One article with every version (newest first), the evidence behind each, and its audit trail. */
export function getArticle(db: DB, id: number): ArticleDetail {
  const row = db.prepare(`${SUMMARY} WHERE a.id = ?`).get(id) as ArticleRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no article ${id}.`);
  const versions = db
    .prepare(
      'SELECT version, title, body_md, draft_id, created_by, created_at FROM article_versions WHERE article_id = ? ORDER BY version DESC',
    )
    .all(id) as { version: number; title: string; body_md: string; draft_id: number | null; created_by: string; created_at: string }[];
  return {
    ...summary(row),
    versions: versions.map((v) => ({
      version: v.version,
      title: v.title,
      bodyMd: v.body_md,
      draftId: v.draft_id,
      createdBy: v.created_by,
      createdAt: v.created_at,
      evidence: v.draft_id !== null ? evidenceOfDraft(db, v.draft_id) : [],
    })),
    history: historyOf(db, { articleId: id }),
    published: publishedByTeammates(db, id),
    handedOver: db
      .prepare(
        `SELECT t.id, t.external_id AS externalId, ${TICKET_LINE} AS subject FROM tickets t WHERE t.id IN (
           SELECT t.id FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version,
             ${HANDED_OVER_SINCE} AND a.id = ? ORDER BY t.created_at DESC LIMIT 20)
         ORDER BY t.created_at DESC`,
      )
      .all(id) as TicketRef[],
  };
}

/** Where the other members of a team published the article, as the shared knowledge base says (see team/article-sync.ts). */
function publishedByTeammates(db: DB, id: number): ArticleDetail['published'] {
  const json = db.prepare('SELECT exports FROM team_articles WHERE article_id = ?').pluck().get(id) as string | undefined;
  if (!json) return [];
  const me = teamConfig(db)?.member;
  return (JSON.parse(json) as { member: string; name: string; targetName: string; url: string | null; at: string }[])
    .filter((e) => e.member !== me)
    .map((e) => ({ targetName: e.targetName, url: e.url, by: e.name, at: e.at }));
}

function outcomeOf(batch: Batch, id: number): ReviewOutcome {
  return { batch: batch.id, changed: [id], failed: [], approved: [] };
}

/** Archives an article (it leaves the knowledge base and no draft updates it) or brings it back. */
export function setArchived(db: DB, id: number, archived: boolean, actor = 'lead'): ReviewOutcome {
  return inTransaction(db, () => {
    const status = db.prepare('SELECT status FROM articles WHERE id = ?').pluck().get(id) as string | undefined;
    if (!status) throw new AppError('NOT_FOUND', `There is no article ${id}.`);
    const next = archived ? 'archived' : 'active';
    if (status === next) throw new AppError('CONFLICT', `Article ${id} is ${next} already.`);
    db.prepare('UPDATE articles SET status = ?, updated_at = ? WHERE id = ?').run(next, nowIso(), id);
    const batch = new Batch(db, actor);
    batch.record({ articleId: id, action: archived ? 'archive' : 'unarchive', before: { status }, after: { status: next } });
    return outcomeOf(batch, id);
  });
}

/** A lead's own edit of an approved article: a new version, with the before and after in the trail. */
export function editArticle(
  db: DB,
  id: number,
  text: { title: string; bodyMd: string },
  actor = 'lead',
): ReviewOutcome & { version: number } {
  return inTransaction(db, () => {
    const current = db
      .prepare(
        'SELECT a.title, a.current_version AS version, v.body_md AS bodyMd FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version WHERE a.id = ?',
      )
      .get(id) as { title: string; version: number; bodyMd: string } | undefined;
    if (!current) throw new AppError('NOT_FOUND', `There is no article ${id}.`);
    if (current.title === text.title && current.bodyMd === text.bodyMd) throw new AppError('CONFLICT', 'Nothing changed.');
    const version = ((db.prepare('SELECT max(version) FROM article_versions WHERE article_id = ?').pluck().get(id) as number) ?? 0) + 1;
    const now = nowIso();
    // an edit keeps the tags the article had
    db.prepare(
      `INSERT INTO article_versions (article_id, version, title, body_md, tags, draft_id, created_by, created_at)
       VALUES (?, ?, ?, ?, (SELECT tags FROM article_versions WHERE article_id = ? AND version = ?), NULL, ?, ?)`,
    ).run(id, version, text.title, text.bodyMd, id, current.version, actor, now);
    db.prepare('UPDATE articles SET title = ?, current_version = ?, updated_at = ? WHERE id = ?').run(text.title, version, now, id);
    const batch = new Batch(db, actor);
    batch.record({ articleId: id, action: 'article_edit', before: current, after: { title: text.title, version, bodyMd: text.bodyMd } });
    return { ...outcomeOf(batch, id), version };
  });
}
