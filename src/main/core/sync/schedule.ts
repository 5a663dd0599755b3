import type { Job } from '../../../shared/domain/job';
import type { DB } from '../db/open';
import type { Workspaces } from '../workspace/workspaces';
import type { Sources } from './sources';

const TICK_MS = 30_000;

/**
 * Automatic sync while the app runs: every half minute, each enabled source whose
 * "sync every N minutes" has passed since its last sync started gets a sync job.
 * A failing source waits its interval too, instead of hammering the helpdesk.
 */
export class SyncScheduler {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly workspaces: Workspaces,
    private readonly sources: (db: DB) => Sources,
    private readonly start: (sourceId: number) => Job,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Starts the syncs that are due; returns their source ids. */
  tick(): number[] {
    let ws;
    try {
      ws = this.workspaces.current();
    } catch {
      return []; // a workspace that cannot open says so where the lead looks; no sync to start
    }
    if (!ws) return [];
    const started: number[] = [];
    for (const source of this.sources(ws.db).list()) {
      const every = source.sync?.enabled ? source.sync.syncEveryMinutes : 0;
      if (!every) continue;
      const last = ws.db
        .prepare(`SELECT max(created_at) FROM jobs WHERE kind = 'sync.source' AND json_extract(params, '$.sourceId') = ?`)
        .pluck()
        .get(source.id) as string | null;
      if (last !== null && this.now() - Date.parse(last) < every * 60_000) continue;
      this.start(source.id);
      started.push(source.id);
    }
    return started;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
