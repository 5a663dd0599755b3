import { dirname, join } from 'node:path';
import { storageFailure } from '../db/failures';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/api/errors';
import { isJobActive, type Job, type JobKind } from '../../../shared/domain/job';
import type { DB } from '../db/open';
import { jobKind } from './kinds';
import type { FromWorker, ToWorker, WorkerData } from './protocol';
import { getJob, insertJob, listJobs, markFinished, markRunning, queuedJobIds, recoverInterrupted, requestCancel } from './repository';

export type JobListener = (job: Job, finished: boolean) => void;

const CANCEL_GRACE_MS = 5_000;

/**
 * Starts the worker entry: worker.js beside the bundled main process, or, when running
 * from source (CLI, tests), worker.ts loaded through tsx, registered inside the worker.
 */
function spawnWorker(workerData: WorkerData): Worker {
  const here = fileURLToPath(import.meta.url);
  const entry = here.endsWith('.ts') ? 'worker-from-source.mjs' : 'worker.js';
  return new Worker(join(dirname(here), entry), { workerData });
}

/** Runs a workspace's jobs in worker threads, a few at a time, and recovers them after a crash. */
export class JobRunner {
  private readonly workers = new Map<number, Worker>();
  private closing = false;

  constructor(
    private readonly db: DB,
    private readonly dbFile: string,
    private readonly listener: JobListener,
    /** The secrets a job may use (by its kind and parameters), read when it starts. */
    private readonly secretsFor: (kind: JobKind, params: unknown) => Record<string, string> = () => ({}),
    private readonly concurrency = 2,
  ) {}

  /** Marks jobs a crash left running; resumable ones are queued again and start now. */
  recover(): { interrupted: Job[]; requeued: Job[] } {
    const outcome = recoverInterrupted(this.db);
    for (const job of outcome.interrupted) this.listener(job, true);
    this.pump();
    return outcome;
  }

  start(kind: JobKind, params: unknown): Job {
    const spec = jobKind(kind);
    if (!spec) throw new AppError('NOT_FOUND', `Unknown job kind "${kind}".`);
    const job = insertJob(this.db, kind, params, spec.resumable);
    this.listener(job, false);
    this.pump();
    return getJob(this.db, job.id);
  }

  get(id: number): Job {
    return getJob(this.db, id);
  }

  list(limit: number): Job[] {
    return listJobs(this.db, limit);
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
      void worker.terminate().then(() => {
        markFinished(this.db, id, 'cancelled', { message: 'Cancelled (stopped after it did not respond)' });
        this.listener(getJob(this.db, id), true);
      });
    }, CANCEL_GRACE_MS);
    timer.unref();
    return getJob(this.db, id);
  }

  /** Stops the workers; their jobs stay `running` in the database and resume on the next start. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.workers.values()].map((w) => w.terminate()));
    this.workers.clear();
  }

  private pump(): void {
    if (this.closing) return;
    for (const id of queuedJobIds(this.db)) {
      if (this.workers.size >= this.concurrency) return;
      if (!this.workers.has(id)) this.spawn(id);
    }
  }

  private spawn(id: number): void {
    markRunning(this.db, id);
    const params = JSON.parse((this.db.prepare('SELECT params FROM jobs WHERE id = ?').get(id) as { params: string }).params) as unknown;
    const worker = spawnWorker({ jobId: id, dbFile: this.dbFile, secrets: this.secretsFor(getJob(this.db, id).kind, params) });
    this.workers.set(id, worker);
    this.listener(getJob(this.db, id), false);

    let crash: string | undefined;
    worker.on('message', (message: FromWorker) => this.listener(message.job, message.type === 'finished'));
    worker.on('error', (error) => {
      crash = error.message;
    });
    worker.on('exit', (code) => {
      this.workers.delete(id);
      if (this.closing) return;
      if (getJob(this.db, id).status === 'running') {
        const error = (crash && storageFailure(crash)) ?? `The job stopped unexpectedly: ${crash ?? `worker exit code ${code}`}.`;
        markFinished(this.db, id, 'failed', { error });
        this.listener(getJob(this.db, id), true);
      }
      this.pump();
    });
  }
}
