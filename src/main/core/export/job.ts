import { AppError } from '../../../shared/api/errors';
import { EXPORT_TARGETS, type ExportRunSummary } from '../../../shared/domain/export';
import { HelpdeskError } from '../connectors/http';
import { nowIso, type DB } from '../db/open';
import type { JobContext, JobKindSpec, JobOutcome } from '../jobs/context';
import { withEgress } from '../privacy/egress';
import { JobCancelledError } from '../jobs/context';
import { ReviewBoard } from '../review/review';
import { loadExportArticle, remoteHash, type ExportArticle } from './article';
import type { Publisher, RemoteArticle } from './publisher';
import { createPublisher } from './publishers';
import { targetSettings } from './targets';
import { plural } from '../../../shared/plural';

export interface ExportParams {
  targetId: number;
}

interface QueueRow {
  article_id: number;
  external_id: string | null;
  exported_version: number | null;
  remote_hash: string | null;
  overwrite: number;
  draft_id: number | null;
  attempts: number;
  create_started: number;
}

/** How long a failed attempt waits before the next: 1 minute, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Failures worth retrying by themselves: no network, the help center down or out of breath. */
function isTransient(error: unknown): boolean {
  return error instanceof HelpdeskError && (error.failure === 'offline' || error.failure === 'server');
}

const n = (x: number) => x.toLocaleString('en-US');

export function describeExport(s: ExportRunSummary): string {
  const parts: string[] = [];
  if (s.created) parts.push(`${n(s.created)} created`);
  if (s.updated) parts.push(`${n(s.updated)} updated`);
  if (s.skipped) parts.push(`${n(s.skipped)} already up to date`);
  if (s.conflicts) parts.push(`${n(s.conflicts)} edited there: your decision needed`);
  if (s.failed) parts.push(`${n(s.failed)} failed`);
  if (s.waiting) parts.push(`${n(s.waiting)} waiting to retry`);
  return `${s.target}: ${parts.join(', ') || 'nothing to export'}`;
}

type Outcome = { kind: 'created' | 'updated'; remote: RemoteArticle } | { kind: 'skipped' } | { kind: 'conflict'; remote: RemoteArticle };

/**
 * One article to one target: create, or check the help center's copy and update it. `markCreate`
 * records that a create is about to be sent, so a run that stops before storing its answer is
 * followed by one that looks for the article instead of creating a second.
 */
async function exportOne(publisher: Publisher, row: QueueRow, article: ExportArticle, markCreate: () => void): Promise<Outcome> {
  const create = async (): Promise<Outcome> => {
    const lost = row.create_started ? await publisher.findByTitle(article) : null;
    if (lost) return { kind: 'created', remote: await publisher.update(lost.id, article) };
    markCreate();
    return { kind: 'created', remote: await publisher.create(article) };
  };
  if (!row.external_id) return create();
  const current = await publisher.read(row.external_id);
  if (!current) return create();
  const theirs = remoteHash(current.title, current.body);
  if (row.remote_hash !== null && theirs !== row.remote_hash && !row.overwrite) return { kind: 'conflict', remote: current };
  if (theirs === row.remote_hash && row.exported_version === article.version) return { kind: 'skipped' };
  return { kind: 'updated', remote: await publisher.update(row.external_id, article) };
}

/** Moves the card the board published to Published; a card moved or undone meanwhile is left alone. */
function publishCard(db: DB, draftId: number | null): void {
  if (draftId === null) return;
  const status = db.prepare('SELECT status FROM drafts WHERE id = ?').pluck().get(draftId) as string | undefined;
  if (status === 'approved') new ReviewBoard(db, 'export').move([draftId], 'published');
}

/**
 * Works through one target's export queue: each article is written there, then its row
 * records the external id, the version and the help center's fingerprint, in one transaction.
 * Offline or a failing help center: the rest of the queue waits and retries with backoff.
 */
export const exportJob: JobKindSpec<ExportParams, ExportRunSummary> = {
  title: 'Export articles',
  resumable: true,
  run(ctx: JobContext<ExportParams, ExportRunSummary>) {
    const target = ctx.db.prepare('SELECT name FROM export_targets WHERE id = ?').get(ctx.params.targetId) as { name: string } | undefined;
    if (!target) throw new AppError('NOT_FOUND', `There is no export target ${ctx.params.targetId}.`);
    return withEgress({ db: ctx.db, role: 'help-center', purpose: `Export to ${target.name}` }, () => exportQueue(ctx, target));
  },
};

/** Works through the queue of one target, an article at a time. */
async function exportQueue(ctx: JobContext<ExportParams, ExportRunSummary>, target: { name: string }): Promise<JobOutcome> {
  const { db, params } = ctx;
  const state: ExportRunSummary = ctx.checkpoint ?? {
    target: target.name,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    conflicts: 0,
    waiting: 0,
  };
  const settings = targetSettings(db, params.targetId, (key) => ctx.secrets[key]);
  const label = EXPORT_TARGETS[settings.kind].label;
  const due = db.prepare(
    `SELECT article_id, external_id, exported_version, remote_hash, overwrite, draft_id, attempts, create_started FROM exports
     WHERE target_id = ? AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT 1`,
  );
  const total = db
    .prepare(
      `SELECT count(*) FROM exports WHERE target_id = ? AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)`,
    )
    .pluck()
    .get(params.targetId, nowIso()) as number;
  let done = 0;
  const failQueue = (message: string, articleId?: number) =>
    ctx.commit(state, () => {
      state.failed += db
        .prepare(
          `UPDATE exports SET status = 'failed', attempts = attempts + 1, error = ?, updated_at = ? WHERE target_id = ? AND status = 'pending' ${articleId === undefined ? '' : 'AND article_id = ?'}`,
        )
        .run(message, nowIso(), params.targetId, ...(articleId === undefined ? [] : [articleId])).changes;
    });
  let publisher: Publisher;
  try {
    publisher = createPublisher(settings, {
      signal: ctx.signal,
      onWait: (ms, why) => {
        if (ms >= 1000)
          ctx.progress(
            done,
            total,
            `Waiting ${Math.ceil(ms / 1000)} s for ${why === 'rate limit' ? `${label}’s rate limit` : `${label} to recover`}`,
          );
      },
    });
  } catch (error) {
    // a setting missing: nothing in the queue can go until the lead fixes it
    failQueue(error instanceof Error ? error.message : String(error));
    return { message: describeExport(state), result: state };
  }
  ctx.progress(0, total, `Exporting ${plural(total, 'article', 'en-US')} to ${target.name}…`);
  for (
    let row = due.get(params.targetId, nowIso()) as QueueRow | undefined;
    row;
    row = due.get(params.targetId, nowIso()) as QueueRow | undefined
  ) {
    ctx.throwIfCancelled();
    const current = row;
    const article = loadExportArticle(db, current.article_id);
    const where = { article: current.article_id, target: params.targetId, now: nowIso() };
    let outcome: Outcome;
    // a database write that fails is not the help center's doing: it ends the run, as a crash would
    let storing = false;
    const markCreate = () => {
      storing = true;
      ctx.commit(state, () =>
        db.prepare(`UPDATE exports SET create_started = 1 WHERE article_id = ? AND target_id = ?`).run(current.article_id, params.targetId),
      );
      storing = false;
    };
    try {
      outcome = await exportOne(publisher, current, article, markCreate);
    } catch (error) {
      if (storing || error instanceof JobCancelledError || ctx.signal.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      if (isTransient(error)) {
        // the help center is unreachable or failing: the whole queue waits, then tries again
        const next = new Date(Date.now() + retryDelayMs(current.attempts + 1)).toISOString();
        ctx.commit(state, () => {
          db.prepare(`UPDATE exports SET attempts = attempts + 1, error = ?, updated_at = ? WHERE article_id = ? AND target_id = ?`).run(
            message,
            where.now,
            current.article_id,
            params.targetId,
          );
          db.prepare(`UPDATE exports SET next_attempt_at = ? WHERE target_id = ? AND status = 'pending'`).run(next, params.targetId);
        });
        state.waiting = db
          .prepare(`SELECT count(*) FROM exports WHERE target_id = ? AND status = 'pending'`)
          .pluck()
          .get(params.targetId) as number;
        break;
      }
      // a refused article (validation) fails alone; refused credentials or an unwritable folder fail the whole queue
      const alone = error instanceof HelpdeskError && (error.failure === 'bad_response' || error.failure === 'not_found');
      failQueue(message, alone ? current.article_id : undefined);
      if (!alone) break;
      done++;
      continue;
    }
    ctx.throwIfCancelled();
    ctx.commit(state, () => {
      if (outcome.kind === 'conflict') {
        db.prepare(
          `UPDATE exports SET status = 'conflict', remote_title = @title, remote_body = @body, remote_hash_seen = @hash, error = NULL, updated_at = @now
           WHERE article_id = @article AND target_id = @target`,
        ).run({
          ...where,
          title: outcome.remote.title,
          body: publisher.readable(outcome.remote.body),
          hash: remoteHash(outcome.remote.title, outcome.remote.body),
        });
        state.conflicts++;
        return;
      }
      if (outcome.kind === 'skipped') {
        db.prepare(
          `UPDATE exports SET status = 'done', overwrite = 0, error = NULL, updated_at = @now WHERE article_id = @article AND target_id = @target`,
        ).run(where);
        state.skipped++;
      } else {
        db.prepare(
          `UPDATE exports SET status = 'done', external_id = @id, external_url = @url, exported_version = @version, remote_hash = @hash, overwrite = 0, create_started = 0,
             attempts = 0, next_attempt_at = NULL, error = NULL, remote_title = NULL, remote_body = NULL, remote_hash_seen = NULL, exported_at = @now, updated_at = @now
           WHERE article_id = @article AND target_id = @target`,
        ).run({
          ...where,
          id: outcome.remote.id,
          url: outcome.remote.url,
          version: article.version,
          hash: remoteHash(outcome.remote.title, outcome.remote.body),
        });
        state[outcome.kind]++;
      }
      publishCard(db, current.draft_id);
    });
    done++;
    ctx.progress(done, Math.max(total, done), `${n(done)} of ${n(Math.max(total, done))} articles to ${target.name}`);
  }
  return { message: describeExport(state), result: state };
}
