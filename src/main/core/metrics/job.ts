import type { BacktestWeek, DashboardFilter } from '../../../shared/domain/metrics';
import type { JobKindSpec } from '../jobs/context';
import { backtestWeeks } from './backtest';
import { rangeWeeks, workspaceTimeZone } from './dashboard';

/** The backtest takes seconds on a large workspace: a job, so the interface never waits on it. */
export const backtestJob: JobKindSpec<DashboardFilter, never> = {
  title: 'Backtest the knowledge base',
  resumable: false,
  async run(ctx) {
    const weeks = rangeWeeks(ctx.db, ctx.params, workspaceTimeZone(ctx.db));
    ctx.progress(0, weeks.length, 'Replaying history week by week');
    const result: BacktestWeek[] = await backtestWeeks(ctx.db, weeks, ctx.params, (done, total) => {
      ctx.throwIfCancelled();
      ctx.progress(done, total, `Week ${done} of ${total}`);
    });
    const asked = result.reduce((n, w) => n + w.questions, 0);
    return { message: `Replayed ${asked.toLocaleString('en-US')} questions over ${weeks.length} weeks.`, result };
  },
};
