// Learning figures for npm run bench: backfill of 5,000 demo tickets, and the loop after 500 new ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src/main/core';
import { writeDemoFile } from '../../src/main/core/demo/file';
import type { Job } from '../../src/shared/domain/job';

export async function learningFigures(): Promise<{
  backfillTickets: number;
  backfillSeconds: number;
  loopSeconds: number;
  newTickets: number;
  indexSeconds: number;
  newIndexSeconds: number;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'tideline-learn-'));
  const handle = createEngine({ dataDir: join(dir, 'data'), host: 'cli' });
  const finished = new Map<number, Job>();
  handle.engine.on((event, job) => event === 'job.done' && finished.set((job as Job).id, job as Job));
  const run = async (start: () => Promise<{ ok: boolean; result?: unknown }>) => {
    const t = performance.now();
    const envelope = await start();
    if (!envelope.ok) throw new Error(JSON.stringify(envelope));
    const id = (envelope.result as Job).id;
    while (!finished.has(id)) await new Promise((r) => setTimeout(r, 20));
    const job = finished.get(id)!;
    if (job.status !== 'done') throw new Error(`${job.kind} ${job.status}: ${job.error}`);
    return { job, seconds: (performance.now() - t) / 1000 };
  };
  await handle.engine.dispatch('workspace.create', { name: 'Learning bench' });
  await handle.engine.dispatch('learning.configure', { auto: false });
  const history = join(dir, 'history.jsonl');
  await writeDemoFile(history, { weeks: 16, perWeek: 330, seed: 21, start: '2026-01-05T00:00:00.000Z' });
  await run(() => handle.engine.dispatch('import.start', { path: history }));
  const indexSeconds = (await run(() => handle.engine.dispatch('embedding.rebuild', {}))).seconds;
  const backfill = await run(() => handle.engine.dispatch('learn.backfill', { limit: 5000 }));
  await run(() => handle.engine.dispatch('learn.run', {})); // the loop catches up on the history once

  // a "sync" of about 500 new tickets: a later stretch of the same company's support
  const recent = join(dir, 'recent.jsonl');
  const newTickets = await writeDemoFile(recent, { weeks: 2, perWeek: 250, seed: 22, start: '2026-05-04T00:00:00.000Z' });
  await run(() => handle.engine.dispatch('import.start', { path: recent, source: 'Recent' }));
  const newIndexSeconds = (await run(() => handle.engine.dispatch('embedding.rebuild', {}))).seconds;
  const loop = await run(() => handle.engine.dispatch('learn.run', {}));
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    backfillTickets: (backfill.job.result as { tickets: number }).tickets,
    backfillSeconds: backfill.seconds,
    loopSeconds: loop.seconds,
    newTickets,
    indexSeconds,
    newIndexSeconds,
  };
}
