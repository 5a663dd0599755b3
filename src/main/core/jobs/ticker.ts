import type { DB } from '../db/open';
import type { Workspaces } from '../workspace/workspaces';

const TICK_MS = 30_000;

/**
 * Work that starts by itself while the app runs (automatic syncs, export retries): every half
 * minute `tick` looks at the open workspace and starts what is due. The timer never keeps the
 * process alive.
 */
export abstract class WorkspaceTicker {
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly workspaces: Workspaces) {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Starts what is due; returns the ids it started work for. */
  abstract tick(): number[];

  /** The open workspace's database; null when none is open or it cannot open (which says so where the lead looks). */
  protected currentDb(): DB | null {
    try {
      return this.workspaces.current()?.db ?? null;
    } catch {
      return null;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
