import type { HostKind } from '../../../shared/domain/app';
import { failureMessage } from '../db/failures';
import type { OpenWorkspace, Workspaces } from './workspaces';

const HOUR_MS = 3600 * 1000;
/** The full check waits this long after a workspace opens, so it never competes with the first screen. */
const CHECK_DELAY_MS = 5_000;

const holdsWork = (ws: OpenWorkspace) =>
  (ws.db.prepare('SELECT EXISTS (SELECT 1 FROM tickets) OR EXISTS (SELECT 1 FROM drafts)').pluck().get() as number) === 1;

/**
 * What Tideline does for a workspace by itself while it is open: today's backup when it is due
 * (in every host, so a lead who only uses the command line has them too), and, in the app and
 * browser mode, SQLite's full integrity check in the background.
 */
export class WorkspaceMaintenance {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly workspaces: Workspaces,
    private readonly host: HostKind,
    private readonly report: (problem: string) => void,
  ) {
    workspaces.onOpen((ws) => {
      this.backupIfDue(ws);
      if (host !== 'cli') this.later(CHECK_DELAY_MS, () => this.track(workspaces.checkCurrent()));
    });
    const hourly = setInterval(() => {
      const ws = this.currentOrNull();
      if (ws) this.backupIfDue(ws);
    }, HOUR_MS);
    hourly.unref();
    this.timers.add(hourly);
  }

  /** Today's automatic backup, unless one was taken within a day, the workspace holds nothing yet, or it is damaged. */
  backupIfDue(ws: OpenWorkspace): void {
    try {
      if (ws.damage || !this.workspaces.backups.dailyDue(ws.id) || !holdsWork(ws)) return;
    } catch (error) {
      this.workspaces.noticeFailure(error);
      return;
    }
    this.track(
      this.workspaces.backups.take(ws.db, ws.id, 'daily').catch((error: unknown) => {
        if (ws.db.open) this.report(`Today's automatic backup could not be taken: ${failureMessage(error)}`);
      }),
    );
  }

  /** Waits for a backup or a check under way, so a command that ends does not cut one short. */
  async settle(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.pending);
  }

  private currentOrNull(): OpenWorkspace | null {
    try {
      return this.workspaces.current();
    } catch {
      return null;
    }
  }

  private later(ms: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.currentOrNull()) work();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}
