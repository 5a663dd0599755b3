import { join } from 'node:path';
import { invokeHttp } from '../helpers/serve';
import { expect, SCREENSHOTS, test } from './fixtures';

test('first run: create a workspace, create another, switch between them', async ({ page, server }) => {
  await page.goto(server.openUrl);
  // the token was traded for a cookie and dropped from the address bar
  await expect(page).toHaveURL(server.url);
  await expect(page.getByRole('heading', { name: /Turn your team's replies into a knowledge base/ })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'first-run.png') });

  await page.getByLabel('Workspace name').fill('Acme Support');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Switch workspace' })).toContainText('Acme Support');
  await expect(page.getByRole('heading', { name: 'No tickets in Acme Support yet' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'sources-empty.png') });

  await page.getByRole('button', { name: 'Switch workspace' }).click();
  await page.getByRole('menuitem', { name: 'New workspace…' }).click();
  await page.getByLabel('Workspace name').fill('Beta Team');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Switch workspace' })).toContainText('Beta Team');

  await page.getByRole('button', { name: 'Switch workspace' }).click();
  await expect(page.getByRole('menuitemradio', { name: 'Beta Team' })).toHaveAttribute('aria-checked', 'true');
  await page.screenshot({ path: join(SCREENSHOTS, 'workspace-switcher.png') });
  await page.getByRole('menuitemradio', { name: 'Acme Support' }).click();
  await expect(page.getByRole('button', { name: 'Switch workspace' })).toContainText('Acme Support');

  // the engine agrees
  const status = (await invokeHttp(server, 'workspace.status', {})) as { result: { workspace: { id: string } } };
  expect(status.result.workspace.id).toBe('acme-support');
  const list = (await invokeHttp(server, 'workspace.list', {})) as { result: { id: string }[] };
  expect(list.result.map((w) => w.id)).toEqual(['acme-support', 'beta-team']);
});

test('navigation reaches every screen, by click and by keyboard', async ({ page, server }) => {
  await invokeHttp(server, 'workspace.create', { name: 'Nav' });
  await page.goto(server.openUrl);
  for (const [label, heading] of [
    ['Tickets', 'Tickets'],
    ['Review board', 'Review board'],
    ['Knowledge base', 'Knowledge base'],
    ['Dashboard', 'Dashboard'],
    ['Settings', 'Settings'],
    ['Sources', 'Sources'],
  ]) {
    await page.getByRole('link', { name: label }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { level: 1, name: 'Review board' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No drafts yet' })).toBeVisible();
  await page.keyboard.press('Control+4');
  await expect(page.getByRole('heading', { level: 1, name: 'Knowledge base' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No articles yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Open the review board' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Review board' })).toBeVisible();
  await page.keyboard.press('Control+6');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('a job progress bar moves, and cancel stops the job', async ({ page, server }) => {
  await invokeHttp(server, 'workspace.create', { name: 'Jobs' });
  await page.goto(server.openUrl);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Run background job check' }).click();

  const tray = page.getByRole('complementary', { name: 'Background jobs' });
  const bar = tray.getByRole('progressbar');
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(10);
  const first = Number(await bar.getAttribute('aria-valuenow'));
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(first);
  await page.screenshot({ path: join(SCREENSHOTS, 'job-progress.png') });
  await expect(tray.getByText('Done')).toBeVisible({ timeout: 20_000 });

  // a long one, cancelled from the tray
  await invokeHttp(server, 'diagnostics.selftest', { steps: 1000, stepMs: 50 });
  const row = tray.locator('.job--running');
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(tray.getByText('Cancelled').first()).toBeVisible({ timeout: 10_000 });
  const jobs = (await invokeHttp(server, 'jobs.list', {})) as { result: { status: string; done: number }[] };
  expect(jobs.result[0]).toMatchObject({ status: 'cancelled' });
  expect(jobs.result[0]!.done).toBeLessThan(1000);
});

test('the theme follows the system and can be set in Settings', async ({ page, server }) => {
  await invokeHttp(server, 'workspace.create', { name: 'Theme' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(server.openUrl);
  await page.getByRole('link', { name: 'Settings' }).click();
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const dark = await background();
  expect(dark).toBe('rgb(15, 23, 32)');
  await page.screenshot({ path: join(SCREENSHOTS, 'settings-dark.png') });
  await page.getByRole('radio', { name: 'Light' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background()).not.toBe(dark);
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Light' })).toHaveAttribute('aria-checked', 'true');
});
