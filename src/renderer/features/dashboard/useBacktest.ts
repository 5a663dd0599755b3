import { useEffect, useState } from 'react';
import { isIngestKind, isJobActive } from '../../../shared/domain/job';
import { allWeeksBeforeLearning, type BacktestWeek, type Dashboard, type DashboardFilter } from '../../../shared/domain/metrics';
import { api } from '../../api';
import { useApp } from '../../stores/app';

/**
 * The backtest for the dashboard's filter: asked for whenever the dashboard reloads (the engine
 * hands back the last replay when nothing it reads has changed), never while tickets are coming
 * in or being indexed (its figures would be out of date at once). The last result stays on the
 * chart while a newer replay runs.
 */
export function useBacktest(filter: DashboardFilter, data: Dashboard | null): { weeks: BacktestWeek[] | null; note: string | null } {
  const applyJob = useApp((s) => s.applyJob);
  const notify = useApp((s) => s.notify);
  const waiting = useApp((s) =>
    Object.values(s.jobs).some((j) => isJobActive(j) && (isIngestKind(j.kind) || j.kind === 'embed.workspace')),
  );
  const key = JSON.stringify(filter);
  const [asked, setAsked] = useState<{ id: number; key: string } | null>(null);
  const [shown, setShown] = useState<{ key: string; weeks: BacktestWeek[] } | null>(null);

  useEffect(() => {
    if (!data?.weeks.length || waiting) return;
    let live = true;
    void api.invoke('metrics.backtest', filter).then(
      (job) => {
        applyJob(job);
        if (live) setAsked({ id: job.id, key });
      },
      (e: unknown) => notify('error', e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [data, waiting, filter, key, applyJob, notify]);

  const job = useApp((s) => (asked ? s.jobs[asked.id] : undefined));
  useEffect(() => {
    if (asked && job?.status === 'done') setShown({ key: asked.key, weeks: job.result as BacktestWeek[] });
  }, [asked, job]);

  const weeks = shown?.key === key ? shown.weeks : null;
  let note: string | null = null;
  if (waiting) note = 'The backtest runs once the tickets coming in are imported and indexed.';
  else if (job && isJobActive(job))
    note = `${weeks ? 'Backtesting again with the latest data' : 'Backtesting'}${job.total ? ` — week ${job.done} of ${job.total}` : ''}…`;
  else if (job?.status === 'failed') note = `The backtest failed: ${job.error ?? 'unknown error'}`;
  else if (weeks?.every((w) => !w.answered) && data && allWeeksBeforeLearning(data))
    note = `These weeks came before learning started (${data.learningWeek}): each is replayed against the articles approved before it, which is none. Your articles count from the week they were approved; a suggested card shows what approving it would answer.`;
  return { weeks, note };
}
