import { AppError } from '../../../shared/api/errors';
import type { Engine } from '../app';
import type { JobService } from '../jobs/handlers';
import { setSetting } from '../system/settings';
import type { Workspaces } from '../workspace/workspaces';
import { backtestStamp } from './backtest-stamp';
import { computeDashboard, TIME_ZONE_KEY, workspaceTimeZone } from './dashboard';
import { draftImpact } from './impact';
import type { BacktestParams } from './job';
import { isValidTimeZone } from './weeks';

/** The dashboard's figures, the backtest (a job) and the impact preview of a draft. */
export function registerMetricsHandlers(engine: Engine, workspaces: Workspaces, jobs: JobService): void {
  const db = () => workspaces.requireCurrent().db;
  engine.register('metrics.dashboard', (filter) => computeDashboard(db(), filter));
  engine.register('metrics.backtest', (filter) => {
    const runner = jobs.runner();
    const params: BacktestParams = { ...filter, stamp: backtestStamp(db(), filter) };
    // unchanged data and filter: the last result, or the replay already under way
    const same = runner.same('metrics.backtest', params);
    if (same) return same;
    // what this process still replays for older data or another filter is of no use now
    for (const job of runner.ownActive()) if (job.kind === 'metrics.backtest') runner.cancel(job.id);
    return runner.start('metrics.backtest', params);
  });
  engine.register('metrics.configure', ({ timeZone }) => {
    if (timeZone !== undefined) {
      if (!isValidTimeZone(timeZone))
        throw new AppError('VALIDATION', `“${timeZone}” is not a time zone this system knows (try Europe/Berlin or America/New_York).`);
      setSetting(db(), TIME_ZONE_KEY, timeZone);
    }
    return { timeZone: workspaceTimeZone(db()) };
  });
  engine.register('drafts.impact', ({ id }) => draftImpact(db(), id));
}
