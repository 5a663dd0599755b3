// npm run bench: performance figures on generated data, as a table. Medians of several runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoFile } from '../../src/main/core/demo/file';
import { DemoCompany } from '../../src/main/core/demo/generator';
import { bareInsertSeconds } from './bare-insert';
import { boardFigures } from './board-bench';
import { learningFigures } from './learn-bench';
import { metricsFigures } from './metrics-bench';
import { embedderSpeed, hybridFigures, knnFigures, sentenceEncoderSpeed } from './search-bench';
import { exportFigures } from './export-bench';
import { syncFigures } from './sync-bench';
import { boardSyncFigures, relayFigures, teamFigures } from './team-bench';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const START = '2025-01-06T00:00:00.000Z';
const rows: [string, string, string][] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const dir = mkdtempSync(join(tmpdir(), 'tideline-bench-'));

function generate(total: number): number {
  const started = performance.now();
  let n = 0;
  for (const line of new DemoCompany({ seed: 11, weeks: 20, perWeek: total / 20, start: START }).all()) {
    JSON.stringify(line);
    n++;
  }
  if (n < total * 0.9) throw new Error(`generated only ${n}`);
  return (performance.now() - started) / 1000;
}

const genRuns = Array.from({ length: RUNS }, () => generate(100_000));
rows.push(['Demo generation, 100,000 tickets', `${fmt(median(genRuns))} s`, 'target < 30 s']);

interface ImportRun {
  seconds: number;
  rederiveSeconds: number;
  peakMb: number;
  baselineMb: number;
  result: { imported: number };
}
function importOnce(file: string): ImportRun {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-once.ts'), file], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const run = JSON.parse(out) as ImportRun & { status: string; error: string | null };
  if (run.status !== 'done') throw new Error(`import ${run.status}: ${run.error}`);
  return run;
}

const big = join(dir, 'demo-100k.jsonl');
const tickets = await writeDemoFile(big, { weeks: 20, perWeek: 5000, seed: 11, start: START });
const small = join(dir, 'demo-20k.jsonl');
await writeDemoFile(small, { weeks: 20, perWeek: 1000, seed: 11, start: START });
const imports = Array.from({ length: RUNS }, () => importOnce(big));
const seconds = median(imports.map((r) => r.seconds));
rows.push([
  `Import from JSONL, ${fmt(tickets, 0)} tickets (${fmt(statSync(big).size / 2 ** 20, 0)} MB)`,
  `${fmt(seconds)} s · ${fmt(tickets / seconds, 0)} tickets/s`,
  'target < 20 s',
]);
const bare: number[] = [];
for (let i = 0; i < RUNS; i++) bare.push((await bareInsertSeconds(big)).seconds);
rows.push([
  '  reference: bare better-sqlite3 insert of the same rows, one transaction',
  `${fmt(median(bare))} s`,
  `the import takes ×${fmt(seconds / median(bare), 1)} that: validation, dedup, full-text index, resumable batches`,
]);
rows.push([
  '  the same tickets read again on opening after an upgrade (roles and flags)',
  `${fmt(median(imports.map((r) => r.rederiveSeconds)))} s`,
  'once per version that derives them differently',
]);
const peak = median(imports.map((r) => r.peakMb));
const smallPeak = importOnce(small).peakMb;
rows.push([
  'Peak memory of that import (whole process)',
  `${fmt(peak, 0)} MB`,
  `20,000 tickets: ${fmt(smallPeak, 0)} MB (×${fmt(peak / smallPeak, 2)} for 5× the data)`,
]);
const speed = await embedderSpeed();
rows.push(['Built-in lexical embedder', `${fmt(speed.lexical, 0)} texts/s`, '20,000 demo questions']);
rows.push([
  'transformers.js embedder (fixture model)',
  `${fmt(speed.transformers, 0)} texts/s`,
  'the tiny generated test model, not a real one',
]);
const encoder = await sentenceEncoderSpeed();
rows.push([
  'Sentence encoder, fast (default): index 1,000 tickets',
  `${fmt(encoder.fast)} s`,
  `${fmt(encoder.texts, 0)} texts (question and reply); ${fmt(encoder.texts / encoder.fast, 0)} texts/s`,
]);
rows.push([
  `Sentence encoder, full: index 1,000 tickets on ${encoder.threads} thread${encoder.threads === 1 ? '' : 's'} (one per core, at most 4)`,
  `${fmt(encoder.full)} s`,
  `${fmt(encoder.texts / encoder.full, 0)} texts/s; ×${fmt(encoder.full / encoder.fast, 0)} the fast one`,
]);
rows.push([
  '  on one thread',
  `${fmt(encoder.fullOneThread)} s`,
  `the threads make it ×${fmt(encoder.fullOneThread / encoder.full, 2)} as fast`,
]);
interface GroupRun {
  tickets: number;
  groups: number;
  recurring: number;
  seconds: number;
  baselineMb: number;
  peakMb: number;
}
const groupOnce = (count: number): GroupRun =>
  JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'group-once.ts'), String(count)], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }),
  ) as GroupRun;
for (const count of [5_000, 50_000]) {
  const g = groupOnce(count);
  rows.push([
    `Grouping ${fmt(count, 0)} tickets by question and answer`,
    `${fmt(g.seconds)} s · peak ${fmt(g.peakMb, 0)} MB`,
    `${fmt(g.groups, 0)} groups, ${fmt(g.recurring, 0)} with 3+; ${fmt(g.peakMb - g.baselineMb, 0)} MB above the vectors already loaded`,
  ]);
}
for (const count of [100_000, 1_000_000]) {
  const knn = knnFigures(count, count > 100_000 ? 20 : 60);
  const target = count > 100_000 ? 'target p95 ≤ 100 ms' : 'target p95 ≤ 20 ms';
  rows.push([
    `KNN, ${fmt(count, 0)} vectors × 384`,
    `p50 ${fmt(knn.p50)} ms · p95 ${fmt(knn.p95)} ms`,
    `${target}; recall@10 ${fmt(knn.recall, 3)}; sign bits + exact re-rank`,
  ]);
  rows.push([
    `  reference: sqlite-vec vec0 KNN, float[384], same queries`,
    `p95 ${fmt(knn.vec0P95)} ms`,
    `ours ×${fmt(knn.vec0P95 / knn.p95, 1)} faster (ratio of p95s); exact, so recall 1`,
  ]);
  rows.push([
    `  reference: exact full scan (vec_distance_cosine)`,
    `p95 ${fmt(knn.scanP95)} ms`,
    `ours ×${fmt(knn.scanP95 / knn.p95, 1)} faster (ratio of p95s)`,
  ]);
}
const hybrid = await hybridFigures(big);
rows.push([
  `Hybrid search, ${fmt(hybrid.tickets, 0)}-ticket workspace`,
  `p50 ${fmt(hybrid.p50)} ms · p95 ${fmt(hybrid.p95)} ms`,
  `target p95 ≤ 50 ms; indexing took ${fmt(hybrid.indexSeconds, 0)} s`,
]);
rows.push(['  the same while another process keeps a core busy', `p95 ${fmt(hybrid.busyP95)} ms`, 'target p95 ≤ 50 ms']);
rows.push([
  '  reference: FTS5 alone (bm25), same queries',
  `p95 ${fmt(hybrid.ftsP95)} ms`,
  `hybrid takes ×${fmt(hybrid.p95 / hybrid.ftsP95, 1)} that (ratio of p95s): it also embeds the query and ranks by meaning`,
]);
rows.push([
  `Workspace check on open (the lead's own tables), ${fmt(hybrid.tickets, 0)} tickets`,
  `${fmt(hybrid.ownWorkCheckMs, 2)} ms`,
  'every open runs it: cheap enough at any size',
]);
rows.push([
  `  SQLite's full integrity check of the same ${fmt(hybrid.fileMb, 0)} MB file`,
  `${fmt(hybrid.fullCheckSeconds)} s`,
  'warm cache; in the background after the app opens a workspace, never on open',
]);
const learning = await learningFigures();
rows.push([
  `Backfill to drafts, last 5,000 demo tickets, once indexed`,
  `${fmt(learning.backfillSeconds)} s`,
  `target ≤ 60 s; ${fmt(learning.backfillTickets, 0)} had a human answer; extractive drafter, sentence encoder fast; indexing took ${fmt(learning.indexSeconds)} s`,
]);
rows.push([
  `Learning loop after ${fmt(learning.newTickets, 0)} new tickets, once indexed`,
  `${fmt(learning.loopSeconds)} s`,
  `target ≤ 5 s; indexing them took ${fmt(learning.newIndexSeconds)} s`,
]);
for (const s of await syncFigures(['zendesk', 'intercom', 'helpscout'])) {
  rows.push([
    `Sync from a mock ${s.kind}, ${fmt(s.tickets, 0)} tickets with ${fmt(s.messages, 0)} messages`,
    `${fmt(s.seconds)} s · ${fmt(s.tickets / s.seconds, 0)} tickets/s`,
    `${fmt(s.requests, 0)} requests over loopback, rate limit off; 4 tickets' messages fetched at a time`,
  ]);
}
for (const e of await exportFigures(['markdown', 'zendesk'])) {
  const where = e.kind === 'markdown' ? 'a Markdown folder' : `a mock ${e.kind}`;
  rows.push([
    `Export ${fmt(e.articles, 0)} articles to ${where}`,
    `${fmt(e.firstSeconds)} s · again unchanged ${fmt(e.againSeconds)} s`,
    e.requests
      ? `${fmt(e.requests, 0)} requests over loopback: a create each, then a read each to check for edits`
      : 'one file per article, written whole',
  ]);
}
const metrics = await metricsFigures(RUNS);
rows.push([
  `Dashboard queries, ${fmt(metrics.tickets, 0)}-ticket workspace`,
  `${fmt(metrics.dashboardMs, 0)} ms`,
  'target ≤ 200 ms; every figure but the backtest, median',
]);
rows.push([
  `Backtest, ${metrics.weeks} weeks of ${fmt(metrics.tickets, 0)} tickets, once indexed`,
  `${fmt(metrics.backtestSeconds)} s`,
  `${metrics.articles} articles; ${fmt(metrics.firstBacktestSeconds)} s when it embeds the questions first; a background job, asked for again only when the data changes`,
]);
rows.push([
  `Impact preview of a card, ${fmt(metrics.tickets, 0)}-ticket workspace`,
  `${fmt(metrics.impactMs, 0)} ms`,
  `median of the next ${metrics.impactCards - 1} cards opened; the first ${fmt(metrics.firstImpactMs, 0)} ms (reads the recent questions); other requests are let in as it replays`,
]);
const board = await boardFigures(RUNS);
rows.push([
  'Review board with 5,000 drafts: first render',
  `${fmt(board.firstRender, 0)} ms`,
  `target ≤ 500 ms; click to the frame with the cards, Chromium, warm app; longest task ${fmt(board.firstRenderTask, 0)} ms`,
]);
rows.push([
  'Review board: longest main-thread task while scrolling',
  `${fmt(board.scrollTask, 0)} ms`,
  `target ≤ 50 ms; from the performance trace, ${fmt(board.scrolledPx / 1000, 0)}k px of a 3,250-card column`,
]);
const team = await teamFigures();
rows.push([
  `Team review: a new member receives a ${fmt(team.cards, 0)}-card board`,
  `${fmt(team.receiveSeconds)} s`,
  'over loopback, from joining to every card on the machine; 5 evidence snippets a card',
]);
const boardSync = await boardSyncFigures();
rows.push([
  `Team review: the ${fmt(boardSync.cards, 0)} shared cards become the member's board`,
  `${fmt(boardSync.firstSeconds)} s`,
  "first sync pass on the member's machine: a draft per card, an article per approved one (every tenth)",
]);
rows.push([
  `Team review: a sync pass after a teammate's decision, ${fmt(boardSync.cards, 0)}-card board`,
  `${fmt(boardSync.passMs, 0)} ms`,
  'median of 7; a pass takes in only the cards that changed',
]);
rows.push([
  'Team review: an approval reaching another member',
  `p50 ${fmt(team.approvalP50)} ms · p95 ${fmt(team.approvalP95)} ms`,
  'over loopback, through the team server',
]);
const relay = await relayFigures();
rows.push([
  'Team review: an approval reaching a member on another server process',
  `p50 ${fmt(relay.p50)} ms · p95 ${fmt(relay.p95)} ms`,
  relay.real
    ? 'two team-server processes on one folder, relaying through the Redis in TIDELINE_BENCH_REDIS'
    : "two team-server processes on one folder, relaying through the tests' loopback Redis (TIDELINE_BENCH_REDIS=redis://… for a real one)",
]);
rows.push([
  `Team server memory, ${team.members} members connected`,
  team.serverMb === null ? 'n/a' : `${fmt(team.serverMb, 0)} MB`,
  team.idleMb === null
    ? 'resident memory, Linux only'
    : `resident; ${fmt(team.idleMb, 0)} MB with one member and an empty board (Node and the CLI's TypeScript loader)`,
]);
rmSync(dir, { recursive: true, force: true });

const widths = [0, 1, 2].map((i) => Math.max(...[['figure', 'value', 'note'], ...rows].map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`\nTideline bench — medians of ${RUNS} runs on ${process.platform}/${process.arch}, Node ${process.version}\n`);
console.log(line(['figure', 'value', 'note']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
