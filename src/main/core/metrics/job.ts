import type { BacktestWeek, DashboardFilter } from '../../../shared/domain/metrics';
import type { JobKindSpec } from '../jobs/context';
import { backtestWeeks } from './backtest';
import { rangeWeeks, workspaceTimeZone } from './dashboard';

/** The dashboard's filter, and the stamp of the data it was asked for (see backtest-stamp.ts). */
export interface BacktestParams extends DashboardFilter {
  stamp?: string;
}

/** The backtest takes minutes on a large workspace: a job, so the interface never waits on it. */
export const backtestJob: JobKindSpec<BacktestParams, never> = {
  title: 'Backtest the knowledge base',
  resumable: false,
  async run(ctx) {
    const { stamp: _stamp, ...filter } = ctx.params;
    const weeks = rangeWeeks(ctx.db, filter, workspaceTimeZone(ctx.db));
    ctx.progress(0, weeks.length, 'Replaying history week by week');
    const result: BacktestWeek[] = await backtestWeeks(ctx.db, weeks, filter, (done, total) => {
      ctx.throwIfCancelled();
      ctx.progress(done, total, `Week ${done} of ${total}`);
    });
    const asked = result.reduce((n, w) => n + w.questions, 0);
    return { message: `Replayed ${asked.toLocaleString('en-US')} questions over ${weeks.length} weeks.`, result };
  },
};
