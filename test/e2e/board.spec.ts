import { join } from 'node:path';
import { invokeHttp } from '../helpers/serve';
import { expect, SCREENSHOTS, test } from './fixtures';

test('learn from past tickets, then read a draft with the tickets behind it', async ({ page, server }) => {
  await invokeHttp(server, 'workspace.create', { name: 'Board' });
  await page.goto(server.openUrl);
  await page.getByRole('link', { name: 'Review board' }).click();
  await expect(page.getByRole('heading', { name: 'No drafts yet' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'board-empty.png') });

  // the demo's history (the loop learns from its handovers by itself), then the backfill from the board
  await invokeHttp(server, 'demo.create', { weeks: 6, perWeek: 300 });
  const tray = page.getByRole('complementary', { name: 'Background jobs' });
  await expect(tray.getByText(/Demo workspace ready/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Learn from past tickets' })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Learn from past tickets' }).click();
  await expect(tray.getByText(/\d+ draft articles from [1-9][\d,]* topics in [1-9][\d,]* tickets/)).toBeVisible({ timeout: 60_000 });
  const drafts = page.getByRole('list', { name: 'Drafts' });
  await expect(drafts.getByRole('button').first()).toBeVisible();
  expect(await drafts.getByRole('button').count()).toBeGreaterThan(20);

  await drafts.getByRole('button', { name: /Start a return/ }).click();
  const view = page.getByRole('article');
  await expect(view.getByRole('heading', { level: 1, name: 'Start a return' })).toBeVisible();
  await expect(view.getByRole('heading', { level: 2, name: 'Steps' })).toBeVisible();
  await expect(view.getByText(/Removed before drafting: .*order id/)).toBeVisible();
  await expect(view.getByRole('heading', { name: 'The tickets behind it' })).toBeVisible();
  await expect(view.getByText('Human agent').first()).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'board-draft.png') });

  // approve it: it leaves the list and becomes an article
  const before = await drafts.getByRole('button').count();
  await view.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(/Approved “Start a return”: article \d+, version 1/)).toBeVisible();
  await expect(drafts.getByRole('button')).toHaveCount(before - 1);
  await expect(drafts.getByRole('button', { name: /Start a return/ })).toHaveCount(0);

  // reject another, with a reason
  await drafts.getByRole('button').first().click();
  await page.getByRole('button', { name: 'Reject…' }).click();
  await expect(page.getByRole('button', { name: 'Reject', exact: true })).toBeDisabled();
  await page.getByLabel('Reason for rejecting').fill('Covered by the onboarding email');
  await page.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(drafts.getByRole('button')).toHaveCount(before - 2);
  const list = (await invokeHttp(server, 'drafts.list', {})) as { result: { status: string }[] };
  expect(list.result.filter((d) => d.status === 'approved')).toHaveLength(1);
  expect(list.result.filter((d) => d.status === 'rejected')).toHaveLength(1);
});
