import type { DB } from '../../src/main/core/db/open';
import { inTransaction } from '../../src/main/core/db/transaction';
import type { JobContext, JobKindSpec } from '../../src/main/core/jobs/context';
import { syncSourceJob, type SyncSummary } from '../../src/main/core/sync/job';

/** Where a simulated crash strikes: inside the n-th page's transaction, just after it, or while the n-th request is in flight. */
export type CrashPoint = { during: 'commit' | 'after-commit'; page: number } | { during: 'request'; afterMs: number };

export class SimulatedCrash extends Error {}

/**
 * Runs a job's code in this thread, as a worker would, with the secrets it is handed.
 * With a crash point it dies there the way a killed process does: an open transaction is
 * rolled back, nothing after it runs, and no in-memory state survives for the next run.
 */
export async function jobHere<P, C>(
  spec: JobKindSpec<P, C>,
  db: DB,
  params: P,
  secrets: Record<string, string>,
  crash?: CrashPoint,
): Promise<C> {
  const controller = new AbortController();
  let commits = 0;
  let timer: NodeJS.Timeout | undefined;
  if (crash?.during === 'request') timer = setTimeout(() => controller.abort(new SimulatedCrash('killed mid-request')), crash.afterMs);
  const ctx: JobContext<P, C> = {
    db,
    params,
    checkpoint: null,
    resumed: false,
    secrets,
    signal: controller.signal,
    progress: () => undefined,
    commit(_checkpoint, work) {
      commits++;
      inTransaction(db, () => {
        work?.();
        if (crash?.during === 'commit' && crash.page === commits) throw new SimulatedCrash('killed mid-transaction');
      });
      if (crash?.during === 'after-commit' && crash.page === commits) throw new SimulatedCrash('killed after a commit');
    },
    throwIfCancelled() {
      if (controller.signal.aborted) throw new SimulatedCrash('killed');
    },
  };
  try {
    const outcome = await spec.run(ctx);
    return (outcome as { result: C }).result;
  } finally {
    clearTimeout(timer);
  }
}

export function syncHere(db: DB, sourceId: number, secrets: Record<string, string>, crash?: CrashPoint): Promise<SyncSummary> {
  return jobHere(syncSourceJob, db, { sourceId }, secrets, crash);
}

/** Everything a sync wrote for a source, in a stable order: two syncs that agree give equal snapshots. */
export function snapshot(db: DB, sourceId: number) {
  const tickets = db
    .prepare(
      `SELECT external_id, subject, status, channel, created_at, solved_at, tags, requester_email, ai_involved, handover, handover_at, ai_resolved, unanswered
       FROM tickets WHERE source_id = ? ORDER BY external_id`,
    )
    .all(sourceId);
  const messages = db
    .prepare(
      `SELECT t.external_id AS ticket, m.external_id, m.role, m.public, m.created_at, m.body, m.author_id, m.author_name
       FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.source_id = ? ORDER BY t.external_id, m.external_id`,
    )
    .all(sourceId);
  const fts = db
    .prepare('SELECT count(*) FROM ticket_fts WHERE rowid IN (SELECT id FROM tickets WHERE source_id = ?)')
    .pluck()
    .get(sourceId) as number;
  return { tickets, messages, fts };
}
