// Dashboard figures for npm run bench: the dashboard's queries, the impact preview of a card and the 16-week backtest on 100,000 tickets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src/main/core';
import { atTime } from '../../src/main/core/clock';
import { writeDemoFile } from '../../src/main/core/demo/file';
import { backtestWeeks } from '../../src/main/core/metrics/backtest';
import { draftImpact } from '../../src/main/core/metrics/impact';
import { computeDashboard, rangeWeeks, workspaceTimeZone } from '../../src/main/core/metrics/dashboard';
import { listDrafts } from '../../src/main/core/review/queries';
import { ReviewBoard } from '../../src/main/core/review/review';
import type { Job } from '../../src/shared/domain/job';

const START = '2025-01-06T00:00:00.000Z';

export async function metricsFigures(runs: number): Promise<{
  tickets: number;
  dashboardMs: number;
  firstBacktestSeconds: number;
  backtestSeconds: number;
  weeks: number;
  articles: number;
  firstImpactMs: number;
  impactMs: number;
  impactCards: number;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'tideline-metrics-'));
  const handle = createEngine({ dataDir: join(dir, 'data'), host: 'cli' });
  const finished = new Map<number, Job>();
  handle.engine.on((event, job) => event === 'job.done' && finished.set((job as Job).id, job as Job));
  const run = async (start: () => Promise<{ ok: boolean; result?: unknown }>) => {
    const envelope = await start();
    if (!envelope.ok) throw new Error(JSON.stringify(envelope));
    const id = (envelope.result as Job).id;
    while (!finished.has(id)) await new Promise((r) => setTimeout(r, 50));
    if (finished.get(id)!.status !== 'done') throw new Error(`job ${id}: ${finished.get(id)!.error}`);
  };
  try {
    await handle.engine.dispatch('workspace.create', { name: 'Metrics bench' });
    await handle.engine.dispatch('learning.configure', { auto: false });
    const file = join(dir, 'demo.jsonl');
    const tickets = await writeDemoFile(file, { weeks: 16, perWeek: 6250, seed: 13, start: START });
    await run(() => handle.engine.dispatch('import.start', { path: file }));
    // the indexing an import starts would run beside every figure below: stopped, so the first
    // backtest embeds the questions itself, and the second replays once they are indexed
    const indexing = handle.jobs.runner().active(['embed.workspace']);
    if (indexing) {
      handle.jobs.runner().cancel(indexing.id);
      while (!finished.has(indexing.id)) await new Promise((r) => setTimeout(r, 50));
    }
    await run(() => handle.engine.dispatch('learn.backfill', { limit: 5000 }));
    const db = handle.workspaces.requireCurrent().db;
    // the impact preview of each card as a lead opens them one after another: the first builds the replay
    const open = listDrafts(db, { status: 'suggested' });
    const impactTimes: number[] = [];
    for (const d of open.slice(0, 12)) {
      const t = performance.now();
      await draftImpact(db, d.id);
      impactTimes.push(performance.now() - t);
    }
    const [firstImpactMs, ...nextImpacts] = impactTimes;
    // the articles as if approved in the first week, so every week replays against a full knowledge base
    await atTime(new Date(Date.parse(START) + 3 * 86_400_000), () =>
      new ReviewBoard(db).approve(open.filter((d) => d.kind !== 'conflict').map((d) => d.id)),
    );
    const times: number[] = [];
    for (let i = 0; i < Math.max(3, runs); i++) {
      const t = performance.now();
      computeDashboard(db);
      times.push(performance.now() - t);
    }
    const weeks = rangeWeeks(db, {}, workspaceTimeZone(db));
    const timed = async () => {
      const t = performance.now();
      await backtestWeeks(db, weeks);
      return (performance.now() - t) / 1000;
    };
    const firstBacktestSeconds = await timed();
    const backtestSeconds = await timed();
    const articles = db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    return {
      tickets,
      dashboardMs: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!,
      firstBacktestSeconds,
      backtestSeconds,
      weeks: weeks.length,
      articles,
      firstImpactMs: firstImpactMs!,
      impactMs: nextImpacts.sort((a, b) => a - b)[Math.floor(nextImpacts.length / 2)]!,
      impactCards: impactTimes.length,
    };
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await metricsFigures(3));
