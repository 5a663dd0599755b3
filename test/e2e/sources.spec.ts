import { join } from 'node:path';
import { invokeHttp } from '../helpers/serve';
import { startMockHelpdesk } from '../helpers/helpdesks/server';
import { World } from '../helpers/helpdesks/world';
import { call, expect, SCREENSHOTS, test } from './fixtures';

test('connect a Zendesk (a mock server), test the connection, mark the bot, sync and see the tickets arrive', async ({ page, server }) => {
  const world = World.demo({ weeks: 3, perWeek: 100, seed: 12 });
  const mock = await startMockHelpdesk('zendesk', world, { latencyMs: 20 });
  try {
    await invokeHttp(server, 'workspace.create', { name: 'Brightkettle' });
    await page.goto(server.openUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();

    await page.getByRole('button', { name: 'Zendesk', exact: true }).click();
    const form = page.getByRole('dialog', { name: 'Connect Zendesk' });
    await form.getByLabel('Subdomain').fill('brightkettle');
    await form.getByLabel('Agent email').fill(mock.credentials.fields.email!);
    await form.getByText('Advanced: API address').click();
    await form.getByLabel('Base URL').fill(mock.url);
    await form.getByText('Schedule and history').click();
    await form.getByLabel('First sync reaches back (days)').fill('365');
    // the token is the last thing missing: until then there is nothing to test
    await expect(form.getByRole('button', { name: 'Test connection' })).toBeDisabled();
    await form.getByLabel('API token').fill('wrong-token');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(form.getByRole('alert')).toHaveText(/Zendesk refused the credentials \(401\)/);
    await form.getByLabel('API token').fill(mock.credentials.secrets.apiToken!);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(form.getByRole('status')).toContainText(`signed in as Robin Admin (admin); ${world.tickets.length} tickets`);
    const bot = form.getByRole('checkbox', { name: /Kettle Assistant .* the name looks like a bot’s/ });
    await bot.check();
    await expect(form.getByLabel('AI agent authors')).not.toHaveValue('');
    await page.screenshot({ path: join(SCREENSHOTS, 'source-form.png') });

    await form.getByRole('button', { name: 'Connect and sync' }).click();
    const row = page.locator('.helpdesk').filter({ hasText: 'Zendesk' });
    await expect(row.getByRole('progressbar')).toBeVisible();
    await expect(row.getByText(/tickets from Zendesk|Asking Zendesk/)).toBeVisible();
    await page.screenshot({ path: join(SCREENSHOTS, 'source-syncing.png') });
    await expect(row.getByText(/Last synced just now/)).toBeVisible({ timeout: 60_000 });
    await expect(row).toContainText(`${world.tickets.length.toLocaleString('en-US')} tickets`);

    // the synced tickets, with the bot's replies recognised
    await page.getByRole('link', { name: 'Tickets' }).click();
    await expect(page.locator('.screen-header__subtitle')).toHaveText(`${world.tickets.length.toLocaleString('en-US')} in this workspace`);
    const handover = page.getByRole('button', { name: /^Handover/ });
    await expect(handover).toContainText(String(world.tickets.filter((t) => t.handover).length));

    // the token is in the secret store only, and never in what the interface receives
    const listed = JSON.stringify(await invokeHttp(server, 'sources.list', {}));
    expect(listed).not.toContain(mock.credentials.secrets.apiToken);
    expect(listed).toContain('"secretsSet":["apiToken"]');
  } finally {
    await mock.close();
  }
});

test('an Intercom bot that is not the AI agent is unticked into the helpdesk’s automation, and stays so after saving', async ({
  page,
  server,
}) => {
  const world = World.demo({ weeks: 1, perWeek: 30, seed: 12 });
  const mock = await startMockHelpdesk('intercom', world, { latencyMs: 5 });
  try {
    await invokeHttp(server, 'workspace.create', { name: 'Operator' });
    await page.goto(server.openUrl);
    await page.getByRole('button', { name: 'Intercom', exact: true }).click();
    const form = page.getByRole('dialog', { name: 'Connect Intercom' });
    await form.getByLabel('Access token').fill(mock.credentials.secrets.accessToken!);
    await form.getByText('Advanced: API address').click();
    await form.getByLabel('Base URL').fill(mock.url);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(form.getByRole('status')).toContainText('untick a bot that is not your AI agent');
    const fin = form.getByRole('checkbox', { name: /^Fin .* the helpdesk marks these replies as its AI agent’s/ });
    await expect(fin).toBeChecked();
    await fin.uncheck();
    // Fin is listed by its Intercom id
    await expect(form.getByLabel('Helpdesk automation')).toHaveValue(/^\d+$/);
    const finId = await form.getByLabel('Helpdesk automation').inputValue();
    await expect(form.getByLabel('AI agent authors')).toHaveValue('');
    await form.getByLabel('Helpdesk automation').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'source-automation.png') });
    await form.getByRole('button', { name: 'Connect and sync' }).click();
    await expect(
      page
        .locator('.helpdesk')
        .filter({ hasText: 'Intercom' })
        .getByText(/Last synced just now/),
    ).toBeVisible({ timeout: 60_000 });
    const [source] = await call<{ sync: { automationIds: string[] } }[]>(server, 'sources.list');
    expect(source!.sync.automationIds).toEqual([finId]);
    // the settings show the list as saved
    await page.locator('.helpdesk').filter({ hasText: 'Intercom' }).getByRole('button', { name: 'Settings' }).click();
    const edit = page.getByRole('dialog', { name: /^Intercom: / });
    await expect(edit.getByLabel('Helpdesk automation')).toHaveValue(finId);
  } finally {
    await mock.close();
  }
});
