import type { Job } from '../../../shared/domain/job';
import { nowIso } from '../db/open';
import type { Workspaces } from '../workspace/workspaces';

const TICK_MS = 30_000;

/**
 * The export queue's retries while the app runs: every half minute, a target with articles
 * whose retry time has come (after being offline, or the help center failing) gets its export job.
 */
export class ExportRetries {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly workspaces: Workspaces,
    private readonly start: (targetId: number) => Job,
  ) {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Starts the exports that are due; returns their target ids. */
  tick(now = nowIso()): number[] {
    let ws;
    try {
      ws = this.workspaces.current();
    } catch {
      return [];
    }
    if (!ws) return [];
    const due = ws.db
      .prepare(
        `SELECT DISTINCT e.target_id FROM exports e WHERE e.status = 'pending' AND (e.next_attempt_at IS NULL OR e.next_attempt_at <= ?)
           AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'export.run' AND j.status IN ('queued', 'running') AND json_extract(j.params, '$.targetId') = e.target_id)`,
      )
      .pluck()
      .all(now) as number[];
    for (const id of due) this.start(id);
    return due;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
