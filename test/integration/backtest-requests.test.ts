import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoFile } from '../../src/main/core/demo/file';
import { isJobActive } from '../../src/shared/domain/job';
import type { BacktestWeek } from '../../src/shared/domain/metrics';
import { runToEnd, tempDir, testEngine, waitFor } from '../helpers/temp';

const asked = (job: { result: unknown }) => (job.result as BacktestWeek[]).reduce((n, w) => n + w.questions, 0);

/** Imports a file and waits for the indexing that follows it. */
async function importFile(handle: ReturnType<typeof testEngine>, path: string, source?: string) {
  expect((await runToEnd(handle, () => handle.call('import.start', { path, ...(source ? { source } : {}) }))).status).toBe('done');
  await waitFor(async () => ((await handle.call('jobs.list', { limit: 20 })).some(isJobActive) ? undefined : true), 60_000, 'indexing');
}

async function workspaceWithTickets() {
  const handle = testEngine();
  await handle.call('workspace.create', { name: 'Backtest requests' });
  await handle.call('learning.configure', { auto: false });
  const file = join(tempDir(), 'history.jsonl');
  await writeDemoFile(file, { weeks: 4, perWeek: 80, seed: 5, start: '2026-01-05T00:00:00.000Z' });
  await importFile(handle, file);
  return handle;
}

describe('the backtest the dashboard asks for', () => {
  it('is the last replay again while nothing it reads has changed, and a new one once tickets arrive', async () => {
    const handle = await workspaceWithTickets();
    const first = await runToEnd(handle, () => handle.call('metrics.backtest', {}));
    expect(first.status).toBe('done');
    expect(asked(first)).toBeGreaterThan(0);

    const again = await handle.call('metrics.backtest', {});
    expect(again).toMatchObject({ id: first.id, status: 'done' });
    expect(again.result).toEqual(first.result);

    // one filter, its fields given in either order, is one request; another filter is another
    const range = await runToEnd(handle, () => handle.call('metrics.backtest', { from: '2026-01-12', to: '2026-01-25' }));
    expect((await handle.call('metrics.backtest', { to: '2026-01-25', from: '2026-01-12' })).id).toBe(range.id);
    expect(range.id).not.toBe(first.id);
    expect(asked(range)).toBeLessThan(asked(first));

    const later = join(tempDir(), 'later.jsonl');
    await writeDemoFile(later, { weeks: 1, perWeek: 80, seed: 6, start: '2026-02-02T00:00:00.000Z' });
    await importFile(handle, later, 'Later');
    const fresh = await runToEnd(handle, () => handle.call('metrics.backtest', {}));
    expect(fresh.id).not.toBe(first.id);
    expect(asked(fresh)).toBeGreaterThan(asked(first));
  });

  it('stops the replay this process still runs when a newer request comes, so replays never pile up', async () => {
    const handle = await workspaceWithTickets();
    const older = await handle.call('metrics.backtest', {});
    expect(isJobActive(older)).toBe(true);
    const newer = await runToEnd(handle, () => handle.call('metrics.backtest', { from: '2026-01-12' }));
    expect(newer.status).toBe('done');
    const ended = await waitFor(async () => {
      const job = await handle.call('jobs.get', { id: older.id });
      return isJobActive(job) ? undefined : job;
    });
    expect(ended.status).toBe('cancelled');
    // the one for the older request is not handed out again: asking for it replays anew
    const replayed = await runToEnd(handle, () => handle.call('metrics.backtest', {}));
    expect(replayed.id).not.toBe(older.id);
    expect(replayed.status).toBe('done');
  });
});
