import { join } from 'node:path';
import { startMockHelpdesk } from '../helpers/helpdesks/server';
import { World } from '../helpers/helpdesks/world';
import { call, expect, idle, SCREENSHOTS, test } from './fixtures';

test('settings search, local-only mode, the egress log after a helpdesk sync, and a redaction preview', async ({ page, server }) => {
  const mock = await startMockHelpdesk('zendesk', World.demo({ weeks: 2, perWeek: 60, seed: 9 }));
  try {
    await call(server, 'workspace.create', { name: 'Private' });
    await call(server, 'sources.add', {
      kind: 'zendesk',
      name: 'Support',
      fields: mock.credentials.fields,
      secrets: mock.credentials.secrets,
      baseUrl: mock.url,
      historyDays: 400,
      syncNow: true,
    });
    await idle(server);
    await page.goto(server.openUrl);
    const badge = page.getByRole('button', { name: /^Local only/ });
    await expect(badge).toBeVisible();
    await badge.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

    // search narrows the settings to the sections that match
    await page.getByLabel('Search settings').fill('egress log');
    await expect(page.getByRole('heading', { name: 'Privacy' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Appearance' })).toHaveCount(0);
    await page.getByLabel('Search settings').fill('theme');
    await expect(page.getByRole('heading', { name: 'Appearance' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Privacy' })).toHaveCount(0);
    await page.getByLabel('Search settings').fill('local-only');

    // the log: every request of the sync, by endpoint, and the latest ones
    const endpoints = page.getByRole('table', { name: 'Endpoints contacted' });
    const origin = new URL(mock.url).origin;
    await expect(
      endpoints.getByRole('row', { name: new RegExp(`${origin.replace(/[.]/g, '\\.')} Helpdesk sync ${mock.log.length} `) }),
    ).toBeVisible();
    await expect(page.getByRole('list', { name: 'Latest requests' }).getByText('Sync Support').first()).toBeVisible();
    await expect(page.getByText(`${mock.log.length} requests ·`)).toBeVisible();

    // local-only off: the badge warns; on again
    await page.getByLabel('Local-only mode').uncheck();
    await expect(page.getByRole('alert')).toContainText('Local-only mode is off');
    await expect(page.getByRole('button', { name: 'Cloud model allowed' })).toBeVisible();
    expect((await call<{ localOnly: boolean }>(server, 'privacy.get')).localOnly).toBe(false);
    await page.getByLabel('Local-only mode').check();
    await expect(page.getByRole('button', { name: /^Local only/ })).toBeVisible();

    // allow one endpoint by name, saying what it will receive
    await page.getByLabel('Endpoint to allow').fill('https://api.openai.com/v1');
    await expect(
      page.getByText('It will receive the text of the tickets behind each draft, after personal details are removed'),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await expect(page.getByText('https://api.openai.com', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Local only · 1 allowed' })).toBeVisible();
    // (one may go by itself meanwhile)
    for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click({ timeout: 2000 }).catch(() => {});
    await page.screenshot({ path: join(SCREENSHOTS, 'privacy.png') });

    // redaction: a pattern of our own, tried on a real ticket before it is saved
    await page.getByLabel('Search settings').fill('redaction');
    const preview = page.getByLabel('Redaction preview');
    await expect(preview.getByText(/^Ticket #/)).toBeVisible();
    const original = (await preview.locator('.redaction__body').first().textContent()) ?? '';
    const word = original.match(/\b[a-z]{6,}\b/)![0];
    await page.getByLabel('Custom patterns').fill(`\\b${word}\\b`);
    await expect(preview.locator('mark', { hasText: '[custom]' }).first()).toBeVisible();
    await expect(preview.getByText(/Removed: .*× custom/)).toBeVisible();
    await page.getByLabel('Custom patterns').fill('(');
    await expect(page.getByRole('alert')).toContainText('is not a valid regular expression');
    await expect(page.getByRole('button', { name: 'Save patterns' })).toBeDisabled();
    await page.getByLabel('Custom patterns').fill(`\\b${word}\\b`);
    await page.getByRole('button', { name: 'Save patterns' }).click();
    await expect(page.getByText('Saved. Drafts made from now on use these patterns')).toBeVisible();
    await page.screenshot({ path: join(SCREENSHOTS, 'redaction.png') });
  } finally {
    await mock.close();
  }
});
