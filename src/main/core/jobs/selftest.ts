import { sleep, type JobKindSpec } from './context';

export interface SelftestParams {
  steps: number;
  stepMs: number;
}

export interface SelftestCheckpoint {
  step: number;
  /** Steps at which a run resumed after an interruption. */
  resumedAt: number[];
}

/**
 * A diagnostics job: proves that a worker thread with its own database connection can
 * run, report progress, be cancelled and resume from its checkpoint after a crash.
 */
export const selftestJob: JobKindSpec<SelftestParams, SelftestCheckpoint> = {
  title: 'Background job check',
  resumable: true,
  async run(ctx) {
    const integrity = (ctx.db.pragma('quick_check', { simple: true }) as string) === 'ok';
    if (!integrity) throw new Error('The workspace database failed its integrity check (PRAGMA quick_check).');
    const { steps, stepMs } = ctx.params;
    const state: SelftestCheckpoint = ctx.checkpoint ?? { step: 0, resumedAt: [] };
    if (ctx.resumed) state.resumedAt = [...state.resumedAt, state.step];
    ctx.progress(state.step, steps, state.step ? `Resuming at step ${state.step + 1}` : 'Starting');
    for (let step = state.step; step < steps; step++) {
      await sleep(stepMs, ctx.signal);
      ctx.commit({ step: step + 1, resumedAt: state.resumedAt });
      ctx.progress(step + 1, steps, `Step ${step + 1} of ${steps}`);
    }
    const resumed = state.resumedAt.length ? `, resumed ${state.resumedAt.length}× after an interruption` : '';
    return `All ${steps} steps passed: database integrity, worker thread, progress${resumed}.`;
  },
};
