import type { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/api/errors';
import { isJobActive, type Job, type JobKind } from '../../../shared/domain/job';
import { storageFailure } from '../db/failures';
import { startThread } from '../threads';
import type { DB } from '../db/open';
import { jobKind } from './kinds';
import type { FromWorker, ToWorker, WorkerData } from './protocol';
import { HEARTBEAT_MS, newOwner, ownerAlive } from './owner';
import {
  activeJobRows,
  beat,
  claimJob,
  getJob,
  insertJob,
  listJobs,
  markFinished,
  recoverInterrupted,
  release,
  requestCancel,
  sameJob,
  setProgress,
  type ActiveJobRow,
  type FinishedStatus,
} from './repository';

export type JobListener = (job: Job, finished: boolean) => void;

const CANCEL_GRACE_MS = 5_000;

/**
 * Jobs that must not run side by side, whichever process started them: two learning runs would
 * take each other's corrections, two syncs of one source would fetch everything twice.
 */
export function exclusiveGroup(kind: string, params: unknown): string | null {
  if (kind === 'learn.loop' || kind === 'learn.backfill') return 'learning';
  if (kind === 'embed.workspace') return 'indexing';
  if (kind === 'sync.source') return `sync ${(params as { sourceId?: number } | null)?.sourceId}`;
  return null;
}

const groupOf = (row: Pick<ActiveJobRow, 'kind' | 'params'>) => exclusiveGroup(row.kind, JSON.parse(row.params) as unknown);

/**
 * Runs a workspace's jobs in worker threads, a few at a time. Several processes may open one
 * workspace: each runs the jobs it started, renews a heartbeat on them, and takes over only the
 * jobs of a process that is gone (resuming them from their last checkpoint).
 */
export class JobRunner {
  private readonly workers = new Map<number, Worker>();
  /** Jobs that ended but whose outcome could not be written yet (a full disk): kept here, recorded on a later beat. */
  private readonly unrecorded = new Map<number, Job>();
  private closing = false;
  /** This runner's name on the jobs it owns. */
  readonly owner = newOwner();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly db: DB,
    private readonly dbFile: string,
    private readonly listener: JobListener,
    /** The secrets a job may use (by its kind and parameters), read when it starts. */
    private readonly secretsFor: (kind: JobKind, params: unknown) => Record<string, string> = () => ({}),
    private readonly concurrency = 2,
    /** Why no job may run or change now (a damaged workspace), or null. */
    private readonly blocked: () => string | null = () => null,
  ) {
    // the heartbeat also takes over the jobs of a process that went away, and starts what
    // waited for another process's job to end
    this.heartbeat = setInterval(() => {
      if (this.closing || !this.db.open || this.blocked()) return;
      try {
        beat(this.db, this.owner);
        for (const job of this.unrecorded.values()) this.finish(job);
        this.recover();
      } catch {
        // a full disk (or a damaged file): the jobs say so themselves; the next beat tries again
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Takes over the jobs of processes that are gone; resumable ones are queued again and start now. */
  recover(): { interrupted: Job[]; requeued: Job[] } {
    if (this.blocked()) return { interrupted: [], requeued: [] };
    const outcome = recoverInterrupted(this.db, this.owner);
    for (const job of outcome.interrupted) this.listener(job, true);
    this.pump();
    return outcome;
  }

  /** An active job (any process's) of one of these kinds: a request for the same work joins it. */
  active(kinds: JobKind[], status?: 'queued' | 'running'): Job | undefined {
    const row = activeJobRows(this.db).find((r) => kinds.includes(r.kind as JobKind) && (!status || r.status === status));
    return row ? getJob(this.db, row.id) : undefined;
  }

  /** The newest job of this kind and parameters this runner started that is done, or still active and not being cancelled. */
  same(kind: JobKind, params: unknown): Job | undefined {
    return sameJob(this.db, kind, params, this.owner);
  }

  /** Whether a worker of this runner is still running (its last messages may not be handled yet). */
  get busy(): boolean {
    return this.workers.size > 0;
  }

  /** The jobs this runner started (or took over) that have not finished. */
  ownActive(): Job[] {
    return activeJobRows(this.db)
      .filter((r) => r.owner === this.owner && !this.unrecorded.has(r.id))
      .map((r) => getJob(this.db, r.id));
  }

  start(kind: JobKind, params: unknown): Job {
    const spec = jobKind(kind);
    if (!spec) throw new AppError('NOT_FOUND', `Unknown job kind "${kind}".`);
    const reason = this.blocked();
    if (reason) throw new AppError('UNAVAILABLE', reason);
    const job = insertJob(this.db, kind, params, spec.resumable, this.owner);
    this.listener(job, false);
    this.pump();
    return getJob(this.db, job.id);
  }

  get(id: number): Job {
    return this.unrecorded.get(id) ?? getJob(this.db, id);
  }

  list(limit: number): Job[] {
    return listJobs(this.db, limit).map((job) => this.unrecorded.get(job.id) ?? job);
  }

  /** Writes a job's end; when even that fails, keeps it to write later. The listener hears of the end once. */
  private finish(job: Job): void {
    const known = this.unrecorded.has(job.id);
    try {
      markFinished(this.db, job.id, job.status as FinishedStatus, { message: job.message, error: job.error, result: job.result });
      this.unrecorded.delete(job.id);
      if (!known) this.listener(getJob(this.db, job.id), true);
    } catch {
      if (known) return;
      this.unrecorded.set(job.id, job);
      this.listener(job, true);
    }
  }

  cancel(id: number): Job {
    const job = getJob(this.db, id);
    if (!isJobActive(job)) return job;
    requestCancel(this.db, id);
    const worker = this.workers.get(id);
    if (!worker) {
      // queued here, or running in another process (which notices the flag)
      if (job.status === 'queued') {
        markFinished(this.db, id, 'cancelled', { message: 'Cancelled before it started' });
        const cancelled = getJob(this.db, id);
        this.listener(cancelled, true);
        return cancelled;
      }
      return getJob(this.db, id);
    }
    worker.postMessage({ type: 'cancel' } satisfies ToWorker);
    const timer = setTimeout(() => {
      if (!this.workers.has(id)) return;
      void worker
        .terminate()
        .then(() => this.finish({ ...getJob(this.db, id), status: 'cancelled', message: 'Cancelled (stopped after it did not respond)' }));
    }, CANCEL_GRACE_MS);
    timer.unref();
    return getJob(this.db, id);
  }

  /** Stops every worker at once without writing (the workspace was found damaged); their rows stay as they are. */
  async halt(reason: string): Promise<void> {
    const workers = [...this.workers.entries()];
    this.workers.clear();
    await Promise.all(workers.map(([, w]) => w.terminate()));
    for (const [id] of workers) {
      try {
        // told, not written: the row stays "running" in a file nothing more is written to
        this.listener({ ...getJob(this.db, id), status: 'failed', error: reason }, true);
      } catch {
        // the jobs table itself is unreadable
      }
    }
  }

  /** Stops the workers; their jobs stay `running` in the database and resume on the next start. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    // let go first, while the workspace is still open: the workers stop with this process anyway
    try {
      if (this.db.open && !this.blocked()) release(this.db, this.owner);
    } catch {
      // a full disk: the lease lapses by itself within LEASE_MS
    }
    await Promise.all([...this.workers.values()].map((w) => w.terminate()));
    this.workers.clear();
  }

  private pump(): void {
    if (this.closing || this.blocked()) return;
    const rows = activeJobRows(this.db);
    const queued = rows.filter((r) => r.status === 'queued' && r.owner === this.owner);
    if (!queued.length) return;
    // what a running job of a live process (or of this one) keeps busy
    const busy = new Map<string, ActiveJobRow>();
    for (const r of rows) {
      const group = groupOf(r);
      if (group && r.status === 'running' && (r.owner === this.owner || ownerAlive(r.owner, r.heartbeat_at))) busy.set(group, r);
    }
    for (const row of queued) {
      if (this.workers.size >= this.concurrency) return;
      if (this.workers.has(row.id)) continue;
      const group = groupOf(row);
      const running = group ? busy.get(group) : undefined;
      if (running) {
        // starts on a later heartbeat, once the other one ends
        const waiting = `Waiting for “${jobKind(running.kind as JobKind)?.title ?? running.kind}” (job ${running.id}) to finish`;
        if (getJob(this.db, row.id).message !== waiting) {
          setProgress(this.db, row.id, 0, null, waiting);
          this.listener(getJob(this.db, row.id), false);
        }
        continue;
      }
      if (group) busy.set(group, row);
      this.spawn(row.id);
    }
  }

  private spawn(id: number): void {
    if (!claimJob(this.db, id, this.owner)) return;
    const params = JSON.parse((this.db.prepare('SELECT params FROM jobs WHERE id = ?').get(id) as { params: string }).params) as unknown;
    const workerData: WorkerData = { jobId: id, dbFile: this.dbFile, secrets: this.secretsFor(getJob(this.db, id).kind, params) };
    const worker = startThread(import.meta.url, 'worker', { workerData });
    this.workers.set(id, worker);
    this.listener(getJob(this.db, id), false);

    let crash: string | undefined;
    worker.on('message', (message: FromWorker) => {
      if (message.unrecorded) this.unrecorded.set(id, message.job);
      this.listener(message.job, message.type === 'finished');
    });
    worker.on('error', (error) => {
      crash = error.message;
    });
    worker.on('exit', (code) => {
      if (!this.workers.delete(id) || this.closing) return; // halted, or closing
      const job = this.get(id);
      if (job.status === 'running') {
        const error = (crash && storageFailure(crash)) ?? `The job stopped unexpectedly: ${crash ?? `worker exit code ${code}`}.`;
        this.finish({ ...job, status: 'failed', error });
      }
      this.pump();
    });
  }
}
