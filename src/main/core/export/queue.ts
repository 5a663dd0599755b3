import { AppError } from '../../../shared/api/errors';
import { type ExportKind, type ExportPlanItem, type ExportRecord, type ExportStatus } from '../../../shared/domain/export';
import { markdownToSafeHtml } from '../../../shared/markdown';
import { htmlToText } from '../connectors/html-text';
import { withoutTitleHeading } from './article';
import { nowIso, type DB } from '../db/open';
import { inTransaction } from '../db/transaction';

interface PlanRow {
  id: number;
  title: string;
  version: number;
  status: 'active' | 'archived';
  e_status: ExportStatus | null;
  external_id: string | null;
  external_url: string | null;
  exported_version: number | null;
  exported_at: string | null;
}

/** Every active article, when the lead asks for "all". */
export function activeArticleIds(db: DB): number[] {
  return db.prepare(`SELECT id FROM articles WHERE status = 'active' ORDER BY id`).pluck().all() as number[];
}

/** The dry run: what an export of these articles to this target would create, update or skip. */
export function planExport(db: DB, targetId: number, articleIds: number[]): ExportPlanItem[] {
  const plan: ExportPlanItem[] = [];
  const read = db.prepare(
    `SELECT a.id, a.title, a.current_version AS version, a.status, e.status AS e_status, e.external_id, e.external_url, e.exported_version, e.exported_at
     FROM articles a LEFT JOIN exports e ON e.article_id = a.id AND e.target_id = ? WHERE a.id = ?`,
  );
  for (const id of new Set(articleIds)) {
    const r = read.get(targetId, id) as PlanRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', `There is no article ${id}.`);
    const item = { articleId: r.id, title: r.title, version: r.version, externalUrl: r.external_url };
    if (r.status === 'archived') plan.push({ ...item, action: 'skip', reason: 'archived: restore it to export it' });
    else if (!r.external_id)
      plan.push({
        ...item,
        action: 'create',
        reason: r.e_status === 'failed' || r.e_status === 'pending' ? 'new (the last attempt did not finish)' : 'new',
      });
    else if (r.e_status === 'conflict')
      plan.push({ ...item, action: 'update', reason: 'edited in the help center: you will be asked before it is overwritten' });
    else if (r.exported_version !== r.version)
      plan.push({ ...item, action: 'update', reason: `version ${r.exported_version ?? '?'} → ${r.version}` });
    else if (r.e_status !== 'done') plan.push({ ...item, action: 'update', reason: 'the last attempt did not finish' });
    else plan.push({ ...item, action: 'skip', reason: `unchanged since the export of ${r.exported_at?.slice(0, 10) ?? 'before'}` });
  }
  return plan;
}

export interface EnqueueOptions {
  /** Board cards to move to Published once their article is exported, by article id. */
  drafts?: Map<number, number>;
  /** The lead saw the help center's edits of these articles and chose to overwrite them. */
  overwrite?: number[];
  /** Queue unchanged articles too (the board's Publish: checked against the target, then the card moves). */
  includeUnchanged?: boolean;
}

/** Puts articles in the target's export queue; returns how many were queued. */
export function enqueueExport(db: DB, targetId: number, articleIds: number[], options: EnqueueOptions = {}): number {
  const plan = planExport(db, targetId, articleIds);
  const overwrite = new Set(options.overwrite ?? []);
  const now = nowIso();
  const upsert = db.prepare(
    `INSERT INTO exports (article_id, target_id, status, overwrite, draft_id, attempts, next_attempt_at, updated_at)
     VALUES (@article, @target, 'pending', @overwrite, @draft, 0, @now, @now)
     ON CONFLICT (article_id, target_id) DO UPDATE SET status = 'pending', overwrite = @overwrite, draft_id = coalesce(@draft, draft_id),
       attempts = 0, next_attempt_at = @now, error = NULL, updated_at = @now`,
  );
  return inTransaction(db, () => {
    let queued = 0;
    for (const item of plan) {
      const archived = item.reason.startsWith('archived');
      if (archived || (item.action === 'skip' && !options.includeUnchanged && !overwrite.has(item.articleId))) continue;
      upsert.run({
        article: item.articleId,
        target: targetId,
        overwrite: overwrite.has(item.articleId) ? 1 : 0,
        draft: options.drafts?.get(item.articleId) ?? null,
        now,
      });
      queued++;
    }
    return queued;
  });
}

/** Leaves the help center's edit in place for now: the article counts as exported at its current version. */
export function keepRemote(db: DB, targetId: number, articleId: number): void {
  inTransaction(db, () => {
    const changed = db
      .prepare(
        `UPDATE exports SET status = 'done', exported_version = (SELECT current_version FROM articles WHERE id = ?), remote_hash = remote_hash_seen,
           remote_title = NULL, remote_body = NULL, error = NULL, updated_at = ? WHERE article_id = ? AND target_id = ? AND status = 'conflict'`,
      )
      .run(articleId, nowIso(), articleId, targetId).changes;
    if (!changed) throw new AppError('CONFLICT', 'That article has no help-center edit waiting for a decision.');
  });
}

interface RecordRow {
  article_id: number;
  title: string;
  target_id: number;
  target_name: string;
  kind: ExportKind;
  status: ExportStatus;
  external_id: string | null;
  external_url: string | null;
  exported_version: number | null;
  current_version: number;
  exported_at: string | null;
  error: string | null;
  attempts: number;
  next_attempt_at: string | null;
  remote_title: string | null;
  remote_body: string | null;
  body_md: string;
}

/** What has gone where: per article and target, with the help center's text for conflicts. */
export function exportRecords(db: DB, filter: { targetId?: number; articleId?: number; articleIds?: number[] }): ExportRecord[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.targetId !== undefined) {
    where.push('e.target_id = ?');
    params.push(filter.targetId);
  }
  if (filter.articleId !== undefined) {
    where.push('e.article_id = ?');
    params.push(filter.articleId);
  }
  if (filter.articleIds) {
    where.push(`e.article_id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(filter.articleIds));
  }
  const rows = db
    .prepare(
      `SELECT e.article_id, a.title, e.target_id, t.name AS target_name, t.kind, e.status, e.external_id, e.external_url, e.exported_version, a.current_version, e.exported_at, e.error,
         e.attempts, e.next_attempt_at, e.remote_title, e.remote_body, v.body_md
       FROM exports e JOIN articles a ON a.id = e.article_id JOIN export_targets t ON t.id = e.target_id
       JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY CASE e.status WHEN 'conflict' THEN 0 WHEN 'failed' THEN 1 WHEN 'pending' THEN 2 ELSE 3 END, e.updated_at DESC, e.article_id`,
    )
    .all(...params) as RecordRow[];
  return rows.map((r) => ({
    articleId: r.article_id,
    title: r.title,
    targetId: r.target_id,
    targetName: r.target_name,
    status: r.status,
    externalId: r.external_id,
    externalUrl: r.external_url,
    exportedVersion: r.exported_version,
    currentVersion: r.current_version,
    exportedAt: r.exported_at,
    error: r.error,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    remote: r.status === 'conflict' ? { title: r.remote_title ?? '', body: r.remote_body ?? '' } : null,
    local: r.status === 'conflict' ? { title: r.title, body: readableLocal(r.kind, r.body_md, r.title) } : null,
  }));
}

/** Our side of a conflict in the same form as theirs: Markdown for Markdown and JSON files, text for HTML pages and help centers. */
function readableLocal(kind: ExportKind, bodyMd: string, title: string): string {
  if (kind === 'markdown' || kind === 'json') return bodyMd.trim();
  return htmlToText(markdownToSafeHtml(kind === 'html' ? bodyMd : withoutTitleHeading(bodyMd, title)));
}
