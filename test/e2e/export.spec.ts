import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startMockHelpCenter } from '../helpers/help-centers';
import { expect, learnFromDemo, SCREENSHOTS, test } from './fixtures';

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('approve a card, publish it to Zendesk Guide (a mock), and find it in Published with its link', async ({ page, server }) => {
  test.setTimeout(180_000);
  const guide = await startMockHelpCenter('zendesk');
  try {
    await learnFromDemo(server);
    await page.goto(server.openUrl);
    await page.getByRole('link', { name: 'Review board' }).click();

    // approve the first new card
    await page.getByLabel('Search the board').fill('Start a return');
    await column(page, 'Suggested')
      .getByRole('button', { name: /Start a return/ })
      .click();
    const detail = page.getByRole('complementary', { name: /Draft Start a return/ });
    await detail.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(column(page, 'Approved').getByRole('button', { name: /Start a return/ })).toBeVisible();

    // Publish with no help center yet: the export dialog opens to connect one
    await column(page, 'Approved')
      .getByRole('button', { name: /Start a return/ })
      .click();
    await detail.getByRole('button', { name: 'Publish', exact: true }).click();
    const exporter = page.getByRole('dialog', { name: 'Export the knowledge base' });
    await expect(exporter.getByRole('heading', { name: 'Where should the articles go?' })).toBeVisible();
    await exporter.getByRole('button', { name: 'Zendesk Guide' }).click();
    const form = page.getByRole('dialog', { name: 'Export to Zendesk Guide' });
    await form.getByLabel('Subdomain').fill('acme');
    await form.getByLabel('Agent email').fill(guide.fields.email!);
    await form.getByLabel('API token').fill('wrong');
    await form.getByText('Advanced').click();
    await form.getByLabel('Base URL').fill(guide.url);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(form.getByRole('alert')).toHaveText(/Zendesk Guide refused the credentials \(401\)/);
    await form.getByLabel('API token').fill(guide.secrets.apiToken!);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(form.getByRole('status')).toHaveText('Zendesk Guide acme: 2 sections, 1 permission groups.');
    await form.getByLabel('Section', { exact: true }).selectOption({ label: 'Returns and refunds' });
    await form.getByLabel('Publish as').selectOption('published');
    await expect(form.getByLabel('Who can edit')).toHaveValue('77');
    await page.screenshot({ path: join(SCREENSHOTS, 'export-target.png') });
    await form.getByRole('button', { name: 'Add target' }).click();
    await expect(exporter.getByText(/1 to create · 0 to update · 0 unchanged/)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(exporter).toHaveCount(0);

    // Publish again: exported, then the card moves to Published with the article's link
    await detail.getByRole('button', { name: 'Publish', exact: true }).click();
    const published = column(page, 'Published').getByRole('button', { name: /Start a return/ });
    await expect(published).toBeVisible({ timeout: 30_000 });
    const creates = guide.requests.filter((r) => r.method === 'POST');
    expect(creates).toHaveLength(1);
    expect(creates[0]!.path).toBe('/help_center/sections/360001/articles.json');
    const stored = [...guide.articles.values()][0]!;
    expect(stored).toMatchObject({ title: 'Start a return', state: 'published', locale: 'en-us' });
    const link = published.getByRole('link', { name: 'acme.zendesk.com' });
    await expect(link).toHaveAttribute('href', `https://acme.zendesk.com/hc/en-us/articles/${stored.id}`);
    await published.click();
    await expect(detail.getByRole('link', { name: 'Open in the help center' })).toHaveAttribute(
      'href',
      `https://acme.zendesk.com/hc/en-us/articles/${stored.id}`,
    );
    // a clear view for the README: toasts and finished jobs dismissed
    // (one may go by itself meanwhile)
    for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click({ timeout: 2000 }).catch(() => {});
    await page.screenshot({ path: join(SCREENSHOTS, 'board-published.png') });

    // the knowledge base's export dialog: it is there, and nothing is left to send
    await page.getByRole('link', { name: 'Knowledge base' }).click();
    await page.getByRole('button', { name: 'Export…' }).click();
    await expect(exporter.getByText(/0 to create · 0 to update · 1 unchanged/)).toBeVisible();
    await expect(exporter.getByRole('button', { name: 'Everything is up to date' })).toBeDisabled();
    await page.screenshot({ path: join(SCREENSHOTS, 'export.png') });
  } finally {
    await guide.close();
  }
});
