import type { Job } from '../../../shared/domain/job';
import { nowIso } from '../db/open';
import { WorkspaceTicker } from '../jobs/ticker';
import type { Workspaces } from '../workspace/workspaces';

/** The export queue's retries: a target with articles whose retry time has come (after being offline, or the help center failing) gets its export job. */
export class ExportRetries extends WorkspaceTicker {
  constructor(
    workspaces: Workspaces,
    private readonly start: (targetId: number) => Job,
  ) {
    super(workspaces);
  }

  tick(now = nowIso()): number[] {
    const db = this.currentDb();
    if (!db) return [];
    const due = db
      .prepare(
        `SELECT DISTINCT e.target_id FROM exports e WHERE e.status = 'pending' AND (e.next_attempt_at IS NULL OR e.next_attempt_at <= ?)
           AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'export.run' AND j.status IN ('queued', 'running') AND json_extract(j.params, '$.targetId') = e.target_id)`,
      )
      .pluck()
      .all(now) as number[];
    for (const id of due) this.start(id);
    return due;
  }
}
