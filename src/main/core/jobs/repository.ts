import { AppError } from '../../../shared/api/errors';
import type { Job, JobKind, JobStatus } from '../../../shared/domain/job';
import { nowIso, type DB } from '../db/open';
import { jobKind } from './kinds';
import { inTransaction } from '../db/transaction';

interface JobRow {
  id: number;
  kind: string;
  status: JobStatus;
  params: string;
  checkpoint: string | null;
  done: number;
  total: number | null;
  message: string | null;
  error: string | null;
  resumable: number;
  attempts: number;
  cancel_requested: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  result: string | null;
}

export function toJob(row: JobRow): Job {
  const kind = row.kind as JobKind;
  return {
    id: row.id,
    kind,
    title: jobKind(kind)?.title ?? row.kind,
    status: row.status,
    done: row.done,
    total: row.total,
    message: row.message,
    error: row.error,
    resumable: row.resumable === 1,
    attempts: row.attempts,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    result: row.result === null ? null : JSON.parse(row.result),
  };
}

export function getJobRow(db: DB, id: number): JobRow {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no job ${id} in this workspace.`);
  return row;
}

export function getJob(db: DB, id: number): Job {
  return toJob(getJobRow(db, id));
}

export function listJobs(db: DB, limit: number): Job[] {
  return (db.prepare('SELECT * FROM jobs ORDER BY id DESC LIMIT ?').all(limit) as JobRow[]).map(toJob);
}

export function insertJob(db: DB, kind: JobKind, params: unknown, resumable: boolean): Job {
  const info = db
    .prepare('INSERT INTO jobs (kind, status, params, resumable, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(kind, 'queued', JSON.stringify(params ?? {}), resumable ? 1 : 0, nowIso());
  return getJob(db, Number(info.lastInsertRowid));
}

export function markRunning(db: DB, id: number): void {
  db.prepare(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, ?), error = NULL
     WHERE id = ?`,
  ).run(nowIso(), id);
}

export function markFinished(
  db: DB,
  id: number,
  status: 'done' | 'failed' | 'cancelled',
  detail: { message?: string | null; error?: string | null; result?: unknown },
): void {
  db.prepare(`UPDATE jobs SET status = ?, message = coalesce(?, message), error = ?, result = ?, finished_at = ? WHERE id = ?`).run(
    status,
    detail.message ?? null,
    detail.error ?? null,
    detail.result === undefined ? null : JSON.stringify(detail.result),
    nowIso(),
    id,
  );
}

export function setProgress(db: DB, id: number, done: number, total: number | null, message: string | null): void {
  db.prepare('UPDATE jobs SET done = ?, total = ?, message = coalesce(?, message) WHERE id = ?').run(done, total, message, id);
}

export function saveCheckpoint(db: DB, id: number, checkpoint: unknown): void {
  db.prepare('UPDATE jobs SET checkpoint = ? WHERE id = ?').run(JSON.stringify(checkpoint), id);
}

export function requestCancel(db: DB, id: number): void {
  db.prepare('UPDATE jobs SET cancel_requested = 1 WHERE id = ?').run(id);
}

/**
 * After a crash or a kill, jobs left `running` are marked interrupted; the resumable
 * ones go back to the queue and carry on from their last checkpoint.
 */
export function recoverInterrupted(db: DB): { interrupted: Job[]; requeued: Job[] } {
  return inTransaction(db, () => {
    const stale = db.prepare(`SELECT id, resumable, cancel_requested FROM jobs WHERE status = 'running'`).all() as Pick<
      JobRow,
      'id' | 'resumable' | 'cancel_requested'
    >[];
    const requeue = db.prepare(`UPDATE jobs SET status = 'queued', message = 'Resuming after an interruption' WHERE id = ?`);
    const interrupt = db.prepare(
      `UPDATE jobs SET status = 'interrupted', finished_at = ?, error = 'Tideline stopped while this job was running.' WHERE id = ?`,
    );
    const requeued: Job[] = [];
    const interrupted: Job[] = [];
    for (const row of stale) {
      if (row.resumable === 1 && row.cancel_requested === 0) {
        requeue.run(row.id);
        requeued.push(getJob(db, row.id));
      } else {
        interrupt.run(nowIso(), row.id);
        interrupted.push(getJob(db, row.id));
      }
    }
    return { interrupted, requeued };
  });
}

export function queuedJobIds(db: DB): number[] {
  return (db.prepare(`SELECT id FROM jobs WHERE status = 'queued' ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
}
