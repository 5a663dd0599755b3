import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/domain/job';
import { testEngine, waitFor } from '../helpers/temp';

async function engineWithWorkspace() {
  const handle = testEngine();
  await handle.call('workspace.create', { name: 'Jobs' });
  const events: { event: string; job: Job }[] = [];
  handle.engine.on((event, payload) => {
    if (event.startsWith('job.')) events.push({ event, job: payload as Job });
  });
  return { ...handle, events };
}

describe('background jobs', () => {
  it('runs in a worker thread, streams rising progress and finishes done', async () => {
    const { call, events } = await engineWithWorkspace();
    const started = await call('diagnostics.selftest', { steps: 12, stepMs: 15 });
    expect(['queued', 'running']).toContain(started.status);
    const done = await waitFor(() => events.find((e) => e.event === 'job.done' && e.job.id === started.id)?.job, 20_000, 'job.done');
    expect(done.status).toBe('done');
    expect(done.done).toBe(12);
    expect(done.message).toMatch(/All 12 steps passed/);
    const progress = events.filter((e) => e.event === 'job.progress' && e.job.id === started.id).map((e) => e.job.done);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await call('jobs.get', { id: started.id })).toMatchObject({ status: 'done', attempts: 1, done: 12, total: 12 });
  });

  it('stops a running job when cancelled, keeping the progress it made', async () => {
    const { call, events } = await engineWithWorkspace();
    const job = await call('diagnostics.selftest', { steps: 500, stepMs: 20 });
    await waitFor(async () => ((await call('jobs.get', { id: job.id })).done >= 3 ? true : undefined), 20_000, 'progress');
    await call('jobs.cancel', { id: job.id });
    const finished = await waitFor(() => events.find((e) => e.event === 'job.done' && e.job.id === job.id)?.job, 10_000, 'cancel');
    expect(finished.status).toBe('cancelled');
    expect(finished.done).toBeGreaterThanOrEqual(3);
    expect(finished.done).toBeLessThan(500);
  });

  it('cancels a queued job before it starts', async () => {
    const { call } = await engineWithWorkspace();
    // two slots: the third job waits in the queue
    const a = await call('diagnostics.selftest', { steps: 200, stepMs: 20 });
    const b = await call('diagnostics.selftest', { steps: 200, stepMs: 20 });
    const c = await call('diagnostics.selftest', { steps: 5, stepMs: 1 });
    expect(c.status).toBe('queued');
    expect(await call('jobs.cancel', { id: c.id })).toMatchObject({ status: 'cancelled', done: 0 });
    await call('jobs.cancel', { id: a.id });
    await call('jobs.cancel', { id: b.id });
    await waitFor(async () => ((await call('jobs.get', { id: b.id })).status === 'cancelled' ? true : undefined));
    expect((await call('jobs.get', { id: c.id })).attempts).toBe(0);
  });

  it('frees its slot when a job ends, so a third job after two finished ones runs', async () => {
    const { call } = await engineWithWorkspace();
    for (let i = 0; i < 3; i++) {
      const job = await call('diagnostics.selftest', { steps: 1, stepMs: 0 });
      await waitFor(async () => ((await call('jobs.get', { id: job.id })).status === 'done' ? true : undefined), 10_000, `job ${i + 1}`);
    }
  });

  it('lists recent jobs newest first and reports an unknown job as NOT_FOUND', async () => {
    const { call, engine } = await engineWithWorkspace();
    const first = await call('diagnostics.selftest', { steps: 1, stepMs: 0 });
    const second = await call('diagnostics.selftest', { steps: 1, stepMs: 0 });
    expect((await call('jobs.list', {})).map((j) => j.id)).toEqual([second.id, first.id]);
    expect(await engine.dispatch('jobs.get', { id: 9999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
