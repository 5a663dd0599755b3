import type { Job } from '../../../shared/domain/job';
import type { DB } from '../db/open';
import { WorkspaceTicker } from '../jobs/ticker';
import type { Workspaces } from '../workspace/workspaces';
import type { Sources } from './sources';

/**
 * Automatic sync while the app runs: each enabled source whose "sync every N minutes" has
 * passed since its last sync started gets a sync job. A failing source waits its interval
 * too, instead of hammering the helpdesk.
 */
export class SyncScheduler extends WorkspaceTicker {
  constructor(
    workspaces: Workspaces,
    private readonly sources: (db: DB) => Sources,
    private readonly start: (sourceId: number) => Job,
    private readonly now: () => number = Date.now,
  ) {
    super(workspaces);
  }

  /** Starts the syncs that are due; returns their source ids. */
  tick(): number[] {
    const db = this.currentDb();
    if (!db) return [];
    const started: number[] = [];
    for (const source of this.sources(db).list()) {
      const every = source.sync?.enabled ? source.sync.syncEveryMinutes : 0;
      if (!every) continue;
      const last = db
        .prepare(`SELECT max(created_at) FROM jobs WHERE kind = 'sync.source' AND json_extract(params, '$.sourceId') = ?`)
        .pluck()
        .get(source.id) as string | null;
      if (last !== null && this.now() - Date.parse(last) < every * 60_000) continue;
      this.start(source.id);
      started.push(source.id);
    }
    return started;
  }
}
