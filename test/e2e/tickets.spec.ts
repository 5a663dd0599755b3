import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { invokeHttp } from '../helpers/serve';
import { expect, pageOverflow, SCREENSHOTS, test } from './fixtures';

test('try the demo workspace, filter to handovers, open a ticket', async ({ page, server }) => {
  await page.goto(server.openUrl);
  await page.getByRole('button', { name: 'Try the demo workspace' }).click();
  await expect(page.getByRole('button', { name: 'Switch workspace' })).toContainText('Demo workspace');
  await expect(page.getByRole('heading', { level: 1, name: 'Tickets' })).toBeVisible();
  await expect(page.getByText(/Demo workspace ready: [\d,]+ new tickets/)).toBeVisible({ timeout: 30_000 });
  const subtitle = page.locator('.screen-header__subtitle');
  const count = async () => Number((await subtitle.textContent())!.replace(/\D/g, ''));
  await expect(subtitle).toHaveText(/^[\d,]+ in this workspace$/);
  await expect.poll(count, { timeout: 10_000 }).toBeGreaterThan(4000);
  const total = await count();

  const handover = page.getByRole('button', { name: /^Handover/ });
  await handover.click();
  await expect(handover).toHaveAttribute('aria-pressed', 'true');
  await expect(subtitle).toHaveText(/matching$/);
  const matching = await count();
  expect(matching).toBeLessThan(total);
  expect(matching).toBeGreaterThan(total / 3);
  await page.screenshot({ path: join(SCREENSHOTS, 'tickets-handovers.png') });
  expect(await pageOverflow(page)).toBeLessThanOrEqual(1);

  const list = page.getByRole('listbox', { name: 'Tickets' });
  await list.getByRole('option').first().click();
  const view = page.getByRole('article');
  await expect(view.getByText('Customer', { exact: true }).first()).toBeVisible();
  await expect(view.getByText(/^Human agent/).first()).toBeVisible();
  await expect(view.getByText(/^AI agent/).first()).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'ticket-view.png') });

  // keyboard: j moves to the next ticket, Esc closes
  const firstTitle = await view.getByRole('heading', { level: 2 }).textContent();
  await page.keyboard.press('j');
  await expect(list.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
  expect(firstTitle).toBeTruthy();

  // search narrows the list
  await page.getByRole('searchbox', { name: 'Search tickets' }).fill('descale');
  await expect(subtitle).toHaveText(/matching$/);
  await expect(list.getByRole('option').first()).toBeVisible();
});

test('import a file with a bad line: the summary names the line, the good tickets arrive, ticket text stays text', async ({
  page,
  server,
  dataDir,
}) => {
  await invokeHttp(server, 'workspace.create', { name: 'Import' });
  const file = join(dataDir, 'export.jsonl');
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  writeFileSync(
    file,
    [
      JSON.stringify({
        id: 'X-1',
        subject: 'Hostile <b>subject</b>',
        created_at: '2026-03-02T09:00:00Z',
        messages: [{ role: 'customer', body: hostile }],
      }),
      '{"id": "X-2", "created_at": "2026-03-02T09:00:00Z", "messages": [',
      JSON.stringify({ id: 'X-3', subject: 'Fine', created_at: '2026-03-03T09:00:00Z', messages: [{ role: 'customer', body: 'hello' }] }),
    ].join('\n'),
  );
  await page.goto(server.openUrl);
  await page.getByLabel('Ticket export file').setInputFiles(file);
  const result = page.getByRole('region', { name: 'Last import' });
  await expect(result).toContainText('Imported export.jsonl', { timeout: 20_000 });
  await expect(result.getByRole('row', { name: /^line 2 not valid JSON/ })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'import-result.png') });

  await page.getByRole('link', { name: 'Tickets' }).click();
  await page.getByRole('option', { name: /Hostile/ }).click();
  const view = page.getByRole('article');
  await expect(view.getByText(hostile)).toBeVisible();
  await expect(view.getByRole('heading', { name: 'Hostile <b>subject</b>' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await view.locator('img, script').count()).toBe(0);
});

test('global search (Ctrl+K) finds tickets by meaning once they are indexed, and opens one', async ({ page, server }) => {
  await invokeHttp(server, 'demo.create', { weeks: 4, perWeek: 200 });
  await page.goto(server.openUrl);
  await page.getByRole('link', { name: 'Settings' }).click();
  const searchSection = page.getByRole('region', { name: 'Meaning and search' });
  await expect(searchSection.getByText(/texts indexed with the sentence encoder \(fast\)/)).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'settings-search.png'), fullPage: true });
  // the demo's German, Spanish and French tickets: the English model reads them by their words
  const languages = searchSection.getByRole('note', { name: 'Tickets in other languages' });
  await expect(languages).toContainText(/\d+% of your latest 500 tickets ask in another language than English/);
  await languages.getByRole('button', { name: 'Choose E5 small (100 languages)' }).click();
  await expect(searchSection.getByRole('combobox', { name: 'Model' })).toHaveValue('Xenova/multilingual-e5-small');
  await expect(languages).toContainText('Next, allow its one-time download');

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Search tickets' });
  await palette.getByRole('textbox', { name: 'Search everything' }).fill('white stuff at the bottom of my kettle');
  const results = palette.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('option').first()).toContainText('Descale the kettle');
  await expect(results.getByRole('option').first()).toContainText('meaning');
  await page.screenshot({ path: join(SCREENSHOTS, 'global-search.png') });
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Tickets' })).toBeVisible();
  await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toHaveText('Descale the kettle');
});
