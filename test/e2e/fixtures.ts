import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invokeHttp, startServeProcess, type ServeProcess } from '../helpers/serve';

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** Each test gets its own `tideline serve` on a fresh data folder. */
export const test = base.extend<{ server: ServeProcess; dataDir: string }>({
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'tideline-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  server: async ({ dataDir }, use, testInfo) => {
    const server = await startServeProcess(dataDir, ['--no-build']);
    await use(server);
    // a server that went down mid-test shows in the browser only as "Lost the connection": say why
    const died = server.died();
    // one still running when a test failed: whether it answers now, and what it said
    if (!died && testInfo.status !== testInfo.expectedStatus) console.error(`tideline serve after the failure: ${await answers(server)}`);
    await server.stop();
    if (died) throw new Error(died);
  },
});

/** Whether a running server answers a call within five seconds, with the last of its stderr. */
async function answers(server: ServeProcess): Promise<string> {
  const started = Date.now();
  const reply = await Promise.race([
    invokeHttp(server, 'app.info', {}).then(
      () => `answered in ${Date.now() - started} ms`,
      (error: unknown) => `refused the call (${String(error)})`,
    ),
    new Promise<string>((resolve) => setTimeout(() => resolve('no answer within 5 s'), 5000)),
  ]);
  return `${reply}; stderr: ${server.stderr() || 'nothing'}`;
}

/** Calls the engine over the browser-mode API, as the interface does; throws its error message. */
export async function call<T>(server: ServeProcess, method: string, input: unknown = {}): Promise<T> {
  const response = (await invokeHttp(server, method, input)) as { ok: boolean; result: T; error?: { message: string } };
  if (!response.ok) throw new Error(`${method}: ${response.error?.message}`);
  return response.result;
}

/** Waits until no job is queued or running. */
export async function idle(server: ServeProcess): Promise<void> {
  const active = async () =>
    (await call<{ status: string }[]>(server, 'jobs.list')).filter((j) => j.status === 'queued' || j.status === 'running').length;
  // a job is recorded done a moment before the app hears of it and starts what follows it (the
  // index after an import, learning after the index): idle is no job for half a second on end
  let quietSince: number | null = null;
  await expect
    .poll(
      async () => {
        if ((await active()) > 0) quietSince = null;
        else quietSince ??= Date.now();
        return quietSince !== null && Date.now() - quietSince >= 500;
      },
      { timeout: 90_000, intervals: [100, 250] },
    )
    .toBe(true);
}

/** The demo workspace after the historic backfill: a board full of drafts. */
export async function learnFromDemo(server: ServeProcess): Promise<void> {
  await call(server, 'demo.create', { weeks: 6, perWeek: 300 });
  await idle(server);
  await call(server, 'learn.backfill');
  await idle(server);
}

/** How far the page itself scrolls: a screen as tall as the window scrolls inside its panes, and not at all as a page. */
export const pageOverflow = (page: Page) => page.locator('main').evaluate((main) => main.scrollHeight - main.clientHeight);

export { expect };
