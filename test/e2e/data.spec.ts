import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ticketsFile } from '../helpers/cli';
import { overwritePages, pagesOf } from '../helpers/damage';
import { call, expect, idle, SCREENSHOTS, test } from './fixtures';

test('automatic backups restore as a new workspace; a damaged workspace says so on every screen', async ({ page, server, dataDir }) => {
  await call(server, 'workspace.create', { name: 'Support' });
  await call(server, 'import.start', { path: ticketsFile(mkdtempSync(join(tmpdir(), 'tideline-e2e-files-')), 80) });
  await idle(server);
  // the first tickets bring the day's backup
  await expect.poll(async () => (await call<{ backups: unknown[] }>(server, 'backups.list')).backups.length, { timeout: 30_000 }).toBe(1);

  await page.goto(`${server.openUrl}#/settings`);
  const backups = page.locator('.auto-backups');
  await expect(backups.getByRole('heading', { name: 'Automatic backups' })).toBeVisible();
  await expect(backups.getByRole('row')).toHaveCount(2); // the header and one backup
  await expect(backups.getByRole('row').nth(1)).toContainText('Daily');
  await backups.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'settings-backups.png') });

  await backups.getByRole('button', { name: 'Restore as a new workspace' }).click();
  const name = backups.getByLabel('Name of the restored workspace');
  await expect(name).toHaveValue(/^Support \(\d{4}-\d\d-\d\d\)$/);
  await name.fill('Support (restored)');
  await backups.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByText('Restored “Support (restored)”')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Switch workspace' })).toContainText('Support (restored)');
  expect((await call<{ counts: { tickets: number } }>(server, 'workspace.status')).counts.tickets).toBe(80);

  // the first workspace's file gets damaged while closed; opening it, the background check finds it
  const file = join(dataDir, 'workspaces', 'support.tideline.db');
  overwritePages(file, pagesOf(file, 'messages').slice(1, 10));
  await page.getByRole('button', { name: 'Switch workspace' }).click();
  await page.getByRole('menuitemradio', { name: 'Support', exact: true }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'This workspace’s file is damaged.' });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Switch workspace' }).click();
  await expect(page.getByRole('menuitemradio', { name: /Support damaged/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: /Review board/ }).click();
  await expect(banner).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'damaged-workspace.png') });
  // nothing is written: a review setting is refused in words
  const refused = await page.evaluate(async () => {
    const response = await fetch('/api/invoke/learning.configure', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auto: false }),
    });
    return (await response.json()) as { ok: boolean; error?: { message: string } };
  });
  expect(refused.ok).toBe(false);
  expect(refused.error?.message).toMatch(/^The workspace file is damaged/);
  await banner.getByRole('button', { name: 'Restore a backup' }).click();
  await expect(page.getByRole('heading', { name: 'Automatic backups' })).toBeVisible();
});

test('a workspace an older version left says on opening that its tickets were read again', async ({ page, server, dataDir }) => {
  await call(server, 'workspace.create', { name: 'Older' });
  await call(server, 'import.start', { path: ticketsFile(mkdtempSync(join(tmpdir(), 'tideline-e2e-files-')), 5) });
  await idle(server);
  await call(server, 'workspace.create', { name: 'Newer', use: true });
  // as a version that took two customers' messages for the team's left it
  const db = new Database(join(dataDir, 'workspaces', 'older.tideline.db'));
  db.prepare(`UPDATE messages SET role = 'agent' WHERE role = 'customer' AND ticket_id IN (1, 2)`).run();
  db.prepare(`UPDATE settings SET value = '"an older one"' WHERE key = 'tickets.derivation'`).run();
  db.close();

  await page.goto(server.openUrl);
  await page.getByRole('button', { name: 'Switch workspace' }).click();
  await page.getByRole('menuitemradio', { name: 'Older', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('This version reads tickets more accurately: 2 tickets were updated');
});
