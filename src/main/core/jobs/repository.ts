import { AppError } from '../../../shared/api/errors';
import type { Job, JobKind, JobStatus } from '../../../shared/domain/job';
import { nowIso, type DB } from '../db/open';
import { jobKind } from './kinds';
import { ownerAlive } from './owner';
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
  owner: string | null;
  heartbeat_at: number | null;
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

export function insertJob(db: DB, kind: JobKind, params: unknown, resumable: boolean, owner: string): Job {
  const info = db
    .prepare('INSERT INTO jobs (kind, status, params, resumable, created_at, owner, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(kind, 'queued', JSON.stringify(params ?? {}), resumable ? 1 : 0, nowIso(), owner, Date.now());
  return getJob(db, Number(info.lastInsertRowid));
}

/** Starts a queued job of `owner`; false when it is no longer queued (cancelled meanwhile). */
export function claimJob(db: DB, id: number, owner: string): boolean {
  return (
    db
      .prepare(
        `UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, ?), error = NULL, heartbeat_at = ?
         WHERE id = ? AND status = 'queued' AND owner = ?`,
      )
      .run(nowIso(), Date.now(), id, owner).changes === 1
  );
}

/** Renews the heartbeat of every active job of `owner`. */
export function beat(db: DB, owner: string): void {
  db.prepare(`UPDATE jobs SET heartbeat_at = ? WHERE owner = ? AND status IN ('queued', 'running')`).run(Date.now(), owner);
}

/** Lets go of `owner`'s active jobs (the process closes the workspace): the next process to open it resumes them at once. */
export function release(db: DB, owner: string): void {
  db.prepare(`UPDATE jobs SET heartbeat_at = 0 WHERE owner = ? AND status IN ('queued', 'running')`).run(owner);
}

export type ActiveJobRow = Pick<JobRow, 'id' | 'kind' | 'status' | 'params' | 'owner' | 'heartbeat_at' | 'resumable' | 'cancel_requested'>;

/** The active jobs and who runs them, for deciding what waits. */
export function activeJobRows(db: DB): ActiveJobRow[] {
  return db
    .prepare(
      `SELECT id, kind, status, params, owner, heartbeat_at, resumable, cancel_requested FROM jobs WHERE status IN ('queued', 'running') ORDER BY id`,
    )
    .all() as ActiveJobRow[];
}

/**
 * The newest job `owner` started of a kind with exactly these parameters that is done, or still
 * queued or running without a cancel asked of it: a request for the same work can have it.
 */
export function sameJob(db: DB, kind: JobKind, params: unknown, owner: string): Job | undefined {
  const row = db
    .prepare(
      `SELECT * FROM jobs WHERE kind = ? AND params = ? AND owner = ? AND cancel_requested = 0
         AND status IN ('queued', 'running', 'done')
       ORDER BY id DESC LIMIT 1`,
    )
    .get(kind, JSON.stringify(params ?? {}), owner) as JobRow | undefined;
  return row ? toJob(row) : undefined;
}

export type FinishedStatus = 'done' | 'failed' | 'cancelled';
export type FinishDetail = { message?: string | null; error?: string | null; result?: unknown };

export function markFinished(db: DB, id: number, status: FinishedStatus, detail: FinishDetail): void {
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
 * Jobs whose owner is gone (killed, crashed, or closed without finishing) are taken over by
 * `owner`: queued and resumable ones carry on from their last checkpoint, the others are marked
 * interrupted. Jobs of a live process are left to it.
 */
export function recoverInterrupted(db: DB, owner: string): { interrupted: Job[]; requeued: Job[] } {
  return inTransaction(db, () => {
    const orphans = activeJobRows(db).filter((row) => row.owner !== owner && !ownerAlive(row.owner, row.heartbeat_at));
    const adopt = db.prepare(`UPDATE jobs SET owner = ?, heartbeat_at = ? WHERE id = ?`);
    const requeue = db.prepare(
      `UPDATE jobs SET status = 'queued', owner = ?, heartbeat_at = ?, message = 'Resuming after an interruption' WHERE id = ?`,
    );
    const interrupt = db.prepare(
      `UPDATE jobs SET status = 'interrupted', finished_at = ?, error = 'Tideline stopped while this job was running.' WHERE id = ?`,
    );
    const requeued: Job[] = [];
    const interrupted: Job[] = [];
    for (const row of orphans) {
      const { resumable, cancel_requested } = row;
      if (row.status === 'queued' && cancel_requested === 0) {
        adopt.run(owner, Date.now(), row.id); // its process ended before starting it
        requeued.push(getJob(db, row.id));
      } else if (resumable === 1 && cancel_requested === 0) {
        requeue.run(owner, Date.now(), row.id);
        requeued.push(getJob(db, row.id));
      } else {
        interrupt.run(nowIso(), row.id);
        interrupted.push(getJob(db, row.id));
      }
    }
    return { interrupted, requeued };
  });
}
