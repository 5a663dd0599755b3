/**
 * Entry of a job's worker thread: opens its own connection to the workspace, runs one
 * job, and reports progress to the runner. Progress and checkpoints live in the job row,
 * so the main thread, other processes and a later restart all see the same state.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { failureMessage } from '../db/failures';
import { openDatabase } from '../db/open';
import { JobCancelledError, type JobContext } from './context';
import { jobKind } from './kinds';
import { getJob, getJobRow, markFinished, saveCheckpoint, setProgress, type FinishDetail, type FinishedStatus } from './repository';
import type { JobKind } from '../../../shared/domain/job';
import type { FromWorker, ToWorker, WorkerData } from './protocol';
import { inTransaction } from '../db/transaction';

const PROGRESS_INTERVAL_MS = 100;

async function main(): Promise<void> {
  const { jobId, dbFile, secrets } = workerData as WorkerData;
  const db = openDatabase(dbFile, { migrate: false });
  const controller = new AbortController();
  parentPort?.on('message', (message: ToWorker) => {
    if (message.type === 'cancel') controller.abort();
  });
  parentPort?.unref(); // listening for a cancel must not keep the thread alive once the job is over

  const post = (type: 'update' | 'finished') => parentPort?.postMessage({ type, job: getJob(db, jobId) });
  const row = getJobRow(db, jobId);
  const spec = jobKind(row.kind as JobKind);
  if (!spec) {
    markFinished(db, jobId, 'failed', { error: `This version of Tideline does not know jobs of kind "${row.kind}".` });
    post('finished');
    return;
  }

  let lastFlush = 0;
  const cancelledElsewhere = () =>
    (db.prepare('SELECT cancel_requested FROM jobs WHERE id = ?').get(jobId) as { cancel_requested: number }).cancel_requested === 1;
  const ctx: JobContext<never, never> = {
    db,
    params: JSON.parse(row.params) as never,
    checkpoint: row.checkpoint === null ? null : (JSON.parse(row.checkpoint) as never),
    resumed: row.attempts > 1 && row.checkpoint !== null,
    secrets,
    signal: controller.signal,
    progress(done, total, message) {
      const now = Date.now();
      if (now - lastFlush < PROGRESS_INTERVAL_MS && done !== total) return;
      lastFlush = now;
      setProgress(db, jobId, done, total, message ?? null);
      if (cancelledElsewhere()) controller.abort();
      post('update');
    },
    commit(checkpoint, work) {
      inTransaction(db, () => {
        work?.();
        saveCheckpoint(db, jobId, checkpoint);
      });
    },
    throwIfCancelled() {
      if (controller.signal.aborted) throw new JobCancelledError();
    },
  };

  let status: FinishedStatus;
  let detail: FinishDetail;
  try {
    const outcome = await spec.run(ctx);
    const { message, result } = typeof outcome === 'string' ? { message: outcome, result: undefined } : outcome;
    [status, detail] = ['done', { message, result }];
  } catch (error) {
    if (error instanceof JobCancelledError || controller.signal.aborted) [status, detail] = ['cancelled', { message: 'Cancelled' }];
    else [status, detail] = ['failed', { error: failureMessage(error) }];
  }
  try {
    markFinished(db, jobId, status, detail);
    post('finished');
  } catch {
    // not even the outcome could be written (a full disk): the runner holds it and records it once it can
    const job = {
      ...getJob(db, jobId),
      status,
      message: detail.message ?? null,
      error: detail.error ?? null,
      result: detail.result ?? null,
    };
    parentPort?.postMessage({ type: 'finished', job, unrecorded: true } satisfies FromWorker);
  }
  db.close();
}

void main();
