import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { warrantyTickets } from '../helpers/handovers';
import { invokeHttp } from '../helpers/serve';
import { call, expect, idle, SCREENSHOTS, test } from './fixtures';

const ROOT = join(import.meta.dirname, '..', '..');

test('the dashboard explains itself when empty, then shows the demo: filters and CSV export', async ({ page, server }) => {
  await invokeHttp(server, 'workspace.create', { name: 'Empty' });
  await page.goto(server.openUrl);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Nothing to measure yet' })).toBeVisible();

  await invokeHttp(server, 'demo.create', { weeks: 6, perWeek: 300 });
  // the figures fill in as tickets arrive; the backtest waits until they are imported and indexed
  await expect(page.getByText('The backtest runs once the tickets coming in are imported and indexed.')).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-backtest-waits.png') });
  const jobs = async () =>
    (
      (await invokeHttp(server, 'jobs.list', {})) as {
        result: { kind: string; status: string; createdAt: string; finishedAt: string | null }[];
      }
    ).result;
  await expect
    .poll(async () => (await jobs()).filter((j) => j.status === 'queued' || j.status === 'running').length, { timeout: 60_000 })
    .toBe(0);
  const all = await jobs();
  const inflow = all.filter((j) => j.kind === 'demo.import' || j.kind === 'embed.workspace');
  const lastInflow = inflow
    .map((j) => j.finishedAt!)
    .sort()
    .at(-1)!;
  expect(inflow.map((j) => j.kind)).toEqual(expect.arrayContaining(['demo.import', 'embed.workspace']));
  // one replay, asked for once the data had come in: none piled up during the import
  const backtests = all.filter((j) => j.kind === 'metrics.backtest');
  expect(backtests.length).toBe(1);
  expect(backtests[0]!.createdAt >= lastInflow).toBe(true);
  await page.getByRole('link', { name: 'Tickets' }).click();
  await page.getByRole('link', { name: 'Dashboard' }).click();
  const rate = page.getByRole('region', { name: 'AI resolution rate per week' });
  await expect(rate.locator('canvas')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Topics' }).getByRole('row')).not.toHaveCount(1, { timeout: 20_000 });

  // CSV export of a chart's data: a week per row, the rate as the engine computed it
  const download = page.waitForEvent('download');
  await rate.getByRole('button', { name: /export CSV/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('resolution-rate.csv');
  const lines = readFileSync((await file.path())!, 'utf8')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('week,ai_involved,ai_resolved,resolution_rate,backtest_answered,backtest_right_article');
  const dashboard = ((await invokeHttp(server, 'metrics.dashboard', {})) as { result: { weeks: { week: string; aiInvolved: number }[] } })
    .result;
  expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(dashboard.weeks.map((w) => `${w.week},${w.aiInvolved}`));
  // nothing approved yet: the latency chart says so rather than standing empty
  await expect(
    page.getByRole('region', { name: 'Draft-to-approve latency per week' }).getByText(/^No draft was approved in these weeks\./),
  ).toBeVisible();
  // a topic without an article is a gap only once people answered it twice: one handover is a one-off
  type Row = { label: string; handovers: number; hasArticle: boolean; draftId: number | null };
  const topics = ((await invokeHttp(server, 'metrics.dashboard', {})) as { result: { topics: Row[] } }).result.topics.slice(0, 60);
  const bare = topics.filter((t) => !t.hasArticle && t.draftId === null);
  const once = bare.find((t) => t.handovers === 1)!;
  const again = bare.find((t) => t.handovers >= 2)!;
  expect(once && again).toBeTruthy();
  const rowOf = (label: string) =>
    page
      .getByRole('region', { name: 'Topics' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: label, exact: true }) });
  await expect(rowOf(once.label).getByRole('cell').last()).toHaveText('one-off');
  await expect(rowOf(again.label).getByRole('cell').last()).toHaveText('gap');
  const png = page.waitForEvent('download');
  await rate.getByRole('button', { name: /export PNG/ }).click();
  expect((await png).suggestedFilename()).toBe('resolution-rate.png');

  // a topic filter narrows every figure to that topic
  const topic = page.getByRole('combobox', { name: 'Topic' });
  const firstTopic = (await topic.locator('option').nth(1).textContent())!;
  await topic.selectOption({ label: firstTopic });
  await expect(page.getByRole('region', { name: 'Topics' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Topics' }).getByRole('cell', { name: firstTopic, exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('region', { name: 'Topics' }).getByRole('row')).not.toHaveCount(2);
});

test('a simulated team with learning on: lift, drop, tier and the backtest beside the real rate', async ({ page, server, dataDir }) => {
  const out = execFileSync(
    process.execPath,
    [join(ROOT, 'bin', 'tideline.js'), 'simulate', '--weeks', '4', '--history', '5', '--json', '--data-dir', dataDir],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const { workspace } = JSON.parse(out) as { workspace: string };
  await invokeHttp(server, 'workspace.use', { id: workspace });
  await page.goto(server.openUrl);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByText(/pp lift/)).toBeVisible();
  await expect(page.getByText(/fewer by week 4/)).toBeVisible();
  await expect(page.getByTitle(/published industry bands/).getByText(/world-class|solid|average|needs work/)).toBeVisible();
  await expect(
    page.getByRole('complementary', { name: 'Background jobs' }).getByText(/Replayed [\d,]+ questions over 9 weeks/),
  ).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Spikes' }).locator('summary', { hasText: 'App shows an error at sign-in' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-dark.png') });
});

test('a question the team answered a different way each time: Write the answer from the dashboard, approve it on the board', async ({
  page,
  server,
}) => {
  await call(server, 'workspace.create', { name: 'Gap' });
  const file = join(mkdtempSync(join(tmpdir(), 'tideline-e2e-files-')), 'tickets.jsonl');
  // lines that answer nothing, no two alike: no draft comes from them
  const stockLines = [
    'Please check our help centre for the latest on this.',
    'Good question! We are working on more information about this.',
    'Sorry for the trouble, our specialists will contact you.',
  ];
  writeFileSync(file, warrantyTickets(0, 3, 'warranty', stockLines));
  await call(server, 'import.start', { path: file });
  await idle(server); // imported, indexed and learned from
  await page.goto(server.openUrl);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  const gaps = page.getByRole('region', { name: 'Coverage gaps' });
  const write = gaps.getByRole('button', { name: 'Write the answer' });
  await expect(write).toHaveAttribute('title', /a different way each time/);
  await write.click();

  // the board opens the new card in the editor, the cursor on the empty Answer, the team's replies below
  const detail = page.getByRole('complementary', { name: /^Draft / });
  const editor = detail.getByRole('textbox', { name: 'Article (Markdown)' });
  await expect(editor).toBeFocused();
  await expect(detail.getByText('What your team replied (3)')).toBeVisible();
  await expect(detail.getByRole('button', { name: 'Save and approve' })).toBeDisabled();
  // out of the editor, the card says what is missing, and nothing drafts or approves it as it is
  await page.keyboard.press('Escape');
  await expect(detail.getByText('The “Answer” section is empty: write it before approving.', { exact: false })).toBeVisible();
  await expect(detail.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await expect(detail.getByRole('button', { name: 'Regenerate with…' })).toBeDisabled();
  await detail.getByRole('button', { name: 'Write the answer' }).click();
  await expect(editor).toBeFocused();
  await page.keyboard.type('Open Settings → Warranty, enter the serial number and click Register.');
  await expect(editor).toHaveValue(
    /## Answer\n\nOpen Settings → Warranty, enter the serial number and click Register\.\n\n## How customers ask/,
  );
  await page.screenshot({ path: join(SCREENSHOTS, 'board-write-the-answer.png') });
  await detail.getByRole('button', { name: 'Save', exact: true }).click();
  // written, it can be approved; still never drafted again from the stock lines
  await expect(detail.getByRole('button', { name: 'Regenerate with…' })).toBeDisabled();
  await expect(detail.getByRole('button', { name: 'Regenerate with…' })).toHaveAttribute('title', /yours to write/);
  await detail.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByText(/^Approved: article 1, version 1\./)).toBeVisible();

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(gaps.getByText(/No question came back in this range without an approved article/)).toBeVisible();
});
