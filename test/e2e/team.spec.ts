import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { warrantyTickets } from '../helpers/handovers';
import { startCliProcess, startServeProcess } from '../helpers/serve';
import { call, expect, idle, SCREENSHOTS, test } from './fixtures';

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('two leads review one board: share, join with the invite, an edit and an approval reach the other, offline says so', async ({
  page,
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const teamData = mkdtempSync(join(tmpdir(), 'tideline-e2e-team-'));
  const teamServer = await startCliProcess(['team-server', '--port', '0', '--data', teamData]);
  const { url } = teamServer.first as { url: string };
  const benData = mkdtempSync(join(tmpdir(), 'tideline-e2e-ben-'));
  const ben = await startServeProcess(benData, ['--no-build']);
  try {
    // Ana's workspace learns two cards from her helpdesk's tickets
    await call(server, 'workspace.create', { name: 'Acme support' });
    await call(server, 'learning.configure', { auto: false });
    const file = join(benData, 'tickets.jsonl');
    writeFileSync(file, `${warrantyTickets(0, 4)}\n${warrantyTickets(0, 4, 'return')}`);
    await call(server, 'import.start', { path: file });
    await idle(server);
    await call(server, 'learn.run');
    await idle(server);

    // Ana shares it from Settings → Team
    await page.goto(`${server.openUrl}#/settings`);
    const share = page.getByRole('form', { name: 'Share this workspace' });
    await share.getByLabel('Team server address').fill(url);
    await share.getByLabel('Your name').fill('Ana');
    await share.getByRole('button', { name: 'Share' }).click();
    const invite = await page.getByLabel('Invite', { exact: true }).inputValue();
    expect(invite).toMatch(/^tideline-team:/);
    await page.getByRole('region', { name: 'Team' }).evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: join(SCREENSHOTS, 'team-shared.png') });

    // Ben joins in his own browser-mode instance
    const benPage = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    await benPage.goto(ben.openUrl); // a new machine: the welcome screen offers to join
    const join_ = benPage.getByRole('form', { name: 'Join a team' });
    await join_.getByLabel('Invite to join').fill(invite);
    await join_.getByLabel('Your name in the team').fill('Ben');
    await join_.getByRole('button', { name: 'Join' }).click();
    await expect(benPage.getByText(/Joined the team: “Acme support” is now open with 2 cards/)).toBeVisible();
    await benPage.getByRole('link', { name: 'Settings' }).click();
    const members = benPage.getByRole('table', { name: 'Team members' });
    await expect(members.getByRole('row', { name: /Ana.*Online/ })).toBeVisible();
    await expect(members.getByRole('row', { name: /Ben \(you\).*Online/ })).toBeVisible();
    await members.scrollIntoViewIfNeeded();
    await benPage.screenshot({ path: join(SCREENSHOTS, 'team-members.png') });

    // Ben edits the warranty card and approves it; Ana's board follows, in Ben's name
    await benPage.getByRole('link', { name: 'Review board' }).click();
    await column(benPage, 'Suggested')
      .getByRole('button', { name: /warranty/i })
      .click();
    const detail = benPage.getByRole('complementary', { name: /^Draft / });
    await detail.getByRole('tab', { name: /Evidence/ }).click();
    await expect(detail.getByText("(teammate's helpdesk)").first()).toBeVisible();
    await detail.getByRole('button', { name: 'Edit', exact: true }).click();
    const editor = benPage.getByLabel('Article (Markdown)');
    await editor.fill(`${await editor.inputValue()}\n\nKeep your receipt: the warranty starts on the day of purchase.`);
    await detail.getByRole('button', { name: 'Save and approve' }).click();
    await expect(column(benPage, 'Approved').getByRole('button', { name: /warranty/i })).toBeVisible();

    await page.getByRole('link', { name: 'Review board' }).click();
    const approved = column(page, 'Approved').getByRole('button', { name: /warranty/i });
    await expect(approved).toBeVisible({ timeout: 20_000 });
    await approved.click();
    const anaDetail = page.getByRole('complementary', { name: /^Draft / });
    await expect(anaDetail.getByText(/approved by Ben/)).toBeVisible();
    await expect(anaDetail.getByText('Keep your receipt')).toBeVisible();
    await page.screenshot({ path: join(SCREENSHOTS, 'team-approved-by-ben.png') });
    await expect(approved).toContainText('Approved by Ben');

    // Ben opens the return card: Ana's board shows him looking; she gives the card to him
    await column(benPage, 'Suggested')
      .getByRole('button', { name: /kettle/i })
      .click();
    const returnTile = column(page, 'Suggested').getByRole('button', { name: /kettle/i });
    await expect(returnTile.getByRole('img', { name: 'Ben is looking at this card' })).toBeVisible({ timeout: 20_000 });
    await returnTile.click();
    await expect(anaDetail.getByText('Ben is looking at this card too')).toBeVisible();
    await anaDetail.getByLabel('Assigned to').selectOption({ label: 'Ben' });
    await expect(page.getByText('1 card assigned to Ben.')).toBeVisible();
    await expect(returnTile.getByRole('img', { name: 'Assigned to Ben' })).toBeVisible();
    await page.screenshot({ path: join(SCREENSHOTS, 'team-looking.png') });
    const benBoard = benPage.getByRole('group', { name: 'Board filters' });
    await benBoard.getByLabel('Assigned to').selectOption('me');
    await expect(column(benPage, 'Suggested').getByRole('button', { name: /kettle/i })).toBeVisible({ timeout: 20_000 });
    await expect(column(benPage, 'Approved').getByRole('listitem')).toHaveCount(0);
    await expect(column(benPage, 'Suggested').getByRole('img', { name: 'Assigned to you' })).toBeVisible();
    await benPage.screenshot({ path: join(SCREENSHOTS, 'team-mine.png') });
    await benBoard.getByLabel('Assigned to').selectOption('');

    // Ana edits the article in her knowledge base and publishes the card: Ben's knowledge base and board follow, in her name
    const [article] = await call<{ id: number; title: string }[]>(server, 'articles.list');
    await call(server, 'articles.edit', {
      id: article!.id,
      title: article!.title,
      bodyMd: '1. Open Settings → Warranty.\n2. Enter the serial number and the day of purchase.\n3. Click Register.',
    });
    await call(server, 'exports.addTarget', { kind: 'markdown', name: 'Team folder', fields: { folder: join(teamData, 'kb') } });
    const anaCards = await call<{ id: number; title: string }[]>(server, 'drafts.list', { status: 'approved' });
    await call(server, 'drafts.publish', { ids: [anaCards[0]!.id] });
    await idle(server);
    await expect(column(benPage, 'Published').getByRole('button', { name: /warranty/i })).toBeVisible({ timeout: 20_000 });
    await benPage.getByRole('link', { name: 'Knowledge base' }).click();
    // Ben left the board: Ana's no longer shows him looking at the kettle card
    await expect(returnTile.getByRole('img', { name: 'Ben is looking at this card' })).toHaveCount(0, { timeout: 20_000 });
    await benPage
      .getByRole('list', { name: 'Articles' })
      .getByRole('button', { name: /warranty/i })
      .click();
    const view = benPage.getByRole('article', { name: /^Article / });
    await expect(view.getByText('published by Ana')).toBeVisible({ timeout: 20_000 });
    await expect(view.getByText('Enter the serial number and the day of purchase.')).toBeVisible();
    await view.getByRole('tab', { name: 'Versions (2)' }).click();
    await benPage.screenshot({ path: join(SCREENSHOTS, 'team-knowledge-base.png') });

    // the team server stops: Ben's board says review goes on offline
    await teamServer.stop();
    await benPage.getByRole('link', { name: 'Review board' }).click();
    await expect(benPage.getByText('Offline — changes will sync.')).toBeVisible({ timeout: 20_000 });
    await benPage.screenshot({ path: join(SCREENSHOTS, 'team-offline.png') });
  } finally {
    await ben.stop();
    await teamServer.stop();
    rmSync(teamData, { recursive: true, force: true });
    rmSync(benData, { recursive: true, force: true });
  }
});
