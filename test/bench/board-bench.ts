// Board figures for npm run bench: a workspace with 5,000 drafts, opened and scrolled in Chromium,
// timed from the page and from Chromium's performance trace.
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src/main/core';
import { inTransaction } from '../../src/main/core/db/transaction';
import { startServeProcess } from '../helpers/serve';
import { ensureChromium } from '../helpers/chromium';

const DRAFTS = 5000;

/** 5,000 drafts over 10,000 tickets, spread over the columns as a busy board would be. */
async function boardWorkspace(dataDir: string): Promise<void> {
  const handle = createEngine({ dataDir, host: 'cli' });
  await handle.engine.dispatch('workspace.create', { name: 'Board bench' });
  await handle.engine.dispatch('learning.configure', { auto: false });
  const db = handle.workspaces.requireCurrent().db;
  const now = Date.now();
  inTransaction(db, () => {
    db.prepare(`INSERT INTO sources (id, kind, name, created_at) VALUES (1, 'file', 'bench', ?)`).run(new Date(now).toISOString());
    const ticket = db.prepare(
      `INSERT INTO tickets (id, source_id, external_id, subject, status, created_at, ingested_at) VALUES (?, 1, ?, ?, 'solved', ?, ?)`,
    );
    const topic = db.prepare(
      `INSERT INTO topics (id, origin, label, representative, size, created_at, updated_at) VALUES (?, 'backfill', ?, ?, ?, ?, ?)`,
    );
    const draft = db.prepare(
      `INSERT INTO drafts (id, topic_id, kind, status, title, body_md, drafter, labels, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'extractive', ?, ?, ?)`,
    );
    const evidence = db.prepare(`INSERT INTO draft_evidence (draft_id, ticket_id) VALUES (?, ?)`);
    for (let t = 1; t <= DRAFTS * 2; t++)
      ticket.run(t, `B-${t}`, `Question ${t}`, new Date(now - t * 60_000).toISOString(), new Date(now).toISOString());
    for (let d = 1; d <= DRAFTS; d++) {
      const at = new Date(now - d * 3_600_000).toISOString();
      const r = d % 20;
      const [kind, status] =
        r < 13
          ? ['new', 'suggested']
          : r < 15
            ? ['update', 'in_review']
            : r < 17
              ? ['new', 'approved']
              : r < 18
                ? ['new', 'published']
                : r < 19
                  ? ['conflict', 'suggested']
                  : ['new', 'rejected'];
      const title = `How do I change setting number ${d} on the kettle when the display shows code ${d % 97}?`;
      topic.run(d, title, title, 3 + (d % 40), at, at);
      draft.run(
        d,
        d,
        kind,
        status,
        title,
        `# ${title}\n\n1. Open Settings.\n2. Pick setting ${d}.\n3. Save.`,
        d % 7 === 0 ? '["billing"]' : '[]',
        at,
        at,
      );
      for (let e = 0; e < 3 + (d % 8); e++) evidence.run(d, ((d * 7 + e * 131) % (DRAFTS * 2)) + 1);
    }
  });
  await handle.close();
}

// page-side scripts as text: the bundler's helpers do not exist in the page
/** From the click on "Review board" to the frame after the first cards are in the page. */
const FIRST_RENDER = `new Promise((resolve) => {
  const started = performance.now();
  document.querySelector('a[href="#/board"]').click();
  const check = () => (document.querySelector('.board-card') ? requestAnimationFrame(() => resolve(performance.now() - started)) : requestAnimationFrame(check));
  check();
})`;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** The longest task on the page's main thread in a Chromium trace, in ms. */
function longestTask(trace: Buffer): number {
  const parsed = JSON.parse(trace.toString()) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const isTask = (e: TraceEvent) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const main = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  return Math.max(0, ...events.filter((e) => isTask(e) && main.has(`${e.pid}:${e.tid}`)).map((e) => (e.dur ?? 0) / 1000));
}

export async function boardFigures(
  runs: number,
): Promise<{ firstRender: number; firstRenderTask: number; scrollTask: number; scrolledPx: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tideline-board-'));
  await boardWorkspace(dir);
  const server = await startServeProcess(dir);
  const browser = await chromium.launch({
    executablePath: ensureChromium().path,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.openUrl);
    await page.getByRole('link', { name: 'Tickets' }).waitFor();
    const renders: number[] = [];
    const renderTasks: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      await page.evaluate(() => (location.hash = '#/tickets'));
      await page.locator('.board-card').first().waitFor({ state: 'detached' });
      await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
      const ms = (await page.evaluate(FIRST_RENDER)) as number;
      const trace = await browser.stopTracing();
      if (i > 0) {
        renders.push(ms); // the first visit also loads code: the figure is for a warm app
        renderTasks.push(longestTask(trace));
      }
    }
    // scrolling the Suggested column (3,250 cards) from top to bottom with the wheel
    const column = page.locator('.board-column--suggested .board-column__cards');
    const box = (await column.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
    for (let i = 0; i < 80; i++) {
      await page.mouse.wheel(0, 1200);
      await page.waitForTimeout(16);
    }
    const scrolled = await column.evaluate((el) => el.scrollTop);
    if (scrolled < 50_000) throw new Error(`the column scrolled only ${scrolled}px`);
    const trace = await browser.stopTracing();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return { firstRender: median(renders), firstRenderTask: median(renderTasks), scrollTask: longestTask(trace), scrolledPx: scrolled };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await boardFigures(Number(process.env.BENCH_RUNS ?? 3)));
