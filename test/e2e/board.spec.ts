import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ServeProcess } from '../helpers/serve';
import { call, expect, idle, learnFromDemo, pageOverflow, SCREENSHOTS, test } from './fixtures';
import type { DraftImpact } from '../../src/shared/domain/metrics';

type Card = { id: number; title: string; status: string; kind: string; evidenceTicketIds: number[]; labels: string[] };

/** The demo workspace after the historic backfill: a board full of drafts. */
async function learnedBoard(server: ServeProcess, page: Page): Promise<Card[]> {
  await learnFromDemo(server);
  await page.goto(server.openUrl);
  await page.getByRole('link', { name: 'Review board' }).click();
  return cards(server);
}

const cards = (server: ServeProcess) => call<Card[]>(server, 'drafts.list');
const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const card = (page: Page, columnName: string, title: string | RegExp) => column(page, columnName).getByRole('button', { name: title });
/** Narrows the board to cards with these words, as a lead would in a long column. */
const search = (page: Page, words: string) => page.getByLabel('Search the board').fill(words);
/** The count of cards waiting for review beside the review board in the sidebar. */
const toReviewCount = (page: Page) => page.getByRole('link', { name: /Review board/ }).locator('.nav__count');
const waitingCards = async (server: ServeProcess) =>
  (await cards(server)).filter((c) => c.status === 'suggested' || c.status === 'in_review').length;
/** A card's detail panel once it shows that card (the one open before stays until the new one has loaded). */
const detailOf = (page: Page, title: string) => page.getByRole('complementary', { name: `Draft ${title}`, exact: true });

test('empty board, then learn from past tickets from the board', async ({ page, server }) => {
  await call(server, 'workspace.create', { name: 'Board' });
  await page.goto(server.openUrl);
  await page.getByRole('link', { name: 'Review board' }).click();
  await expect(page.getByRole('heading', { name: 'No drafts yet' })).toBeVisible();
  await expect(toReviewCount(page)).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'board-empty.png') });
  await call(server, 'demo.create', { weeks: 6, perWeek: 300 });
  await idle(server);
  await page.getByRole('button', { name: 'Learn from past tickets' }).click();
  // the lead looks elsewhere while it learns: the sidebar says when cards are waiting
  await page.getByRole('link', { name: 'Dashboard' }).click();
  const tray = page.getByRole('complementary', { name: 'Background jobs' });
  await expect(tray.getByText(/\d+ draft articles from [1-9][\d,]* tickets/)).toBeVisible({ timeout: 60_000 });
  await idle(server);
  const drafted = await waitingCards(server);
  expect(drafted).toBeGreaterThan(0);
  await expect(toReviewCount(page)).toHaveText(String(drafted));
  await expect(toReviewCount(page)).toHaveAccessibleName(`${drafted} cards to review`);
  await page.getByRole('link', { name: /Review board/ }).click();
  await expect(column(page, 'Suggested').getByRole('button').first()).toBeVisible();

  // what waits for more evidence: here only questions asked once, counted rather than listed
  const waiting = (await call<{ size: number; draftStatus: string | null }[]>(server, 'topics.list')).filter((t) => t.draftStatus === null);
  expect(waiting.length).toBeGreaterThan(0);
  expect(waiting.every((t) => t.size === 1)).toBe(true);
  await expect(page.getByText(`${waiting.length} question${waiting.length === 1 ? '' : 's'} asked once so far`)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Topics collecting evidence' })).toHaveCount(0);

  // after a backfill the most asked topics come first when the lead asks for it
  const suggested = (await cards(server)).filter((c) => c.status === 'suggested' && c.kind !== 'conflict');
  const most = Math.max(...suggested.map((c) => c.evidenceTicketIds.length));
  expect(suggested[0]!.evidenceTicketIds.length).toBeLessThan(most);
  await page.getByRole('combobox', { name: 'Sort cards' }).selectOption('Most tickets first');
  await expect(
    column(page, 'Suggested')
      .getByRole('button', { name: /, \d+ tickets$/ })
      .first(),
  ).toHaveAccessibleName(new RegExp(`, ${most} tickets$`));
});

test('review with the mouse: approve, undo, edit then approve, reject, merge, split, bulk approve, drag and drop', async ({
  page,
  server,
  dataDir,
}) => {
  test.setTimeout(180_000); // learns from the demo's history first, then a long review
  const initial = await learnedBoard(server, page);
  expect(initial.length).toBeGreaterThan(20);
  await expect(column(page, 'Suggested').getByRole('button').first()).toBeVisible();

  // open a card: its article, the redaction note, the evidence with AI and human side by side
  await search(page, 'Start a return');
  await card(page, 'Suggested', /Start a return/).click();
  const detail = page.getByRole('complementary', { name: /Draft Start a return/ });
  await expect(detail.getByRole('heading', { level: 1, name: 'Start a return' })).toBeVisible();
  await expect(detail.getByText(/Removed before drafting: .*order id/)).toBeVisible();
  // the impact preview: the replay of similar questions with and without this article
  await expect(
    detail.getByText(/Would now answer [1-9]\d* of [1-9]\d* similar questions.*; changes \d+ answers? that (was|were) right\./),
  ).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'board.png') });
  await detail.getByRole('tab', { name: /Evidence/ }).click();
  await expect(detail.getByText('Human agent').first()).toBeVisible();
  // a wrong answer shows what the human changed; the AI's "I couldn't find an answer" is nothing to correct, so nothing is marked
  const evidence = detail.getByRole('list', { name: 'Evidence' }).getByRole('listitem');
  const tagged = (kind: string) => evidence.filter({ has: page.locator('.tag', { hasText: kind }) }).first();
  await expect(tagged('wrong answer').locator('ins').first()).toBeVisible();
  await expect(tagged('no answer').locator('.evidence__text').first()).not.toHaveText('—');
  await expect(tagged('no answer').locator('ins, del')).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'board-card-evidence.png') });

  // approve, then undo from the toast
  await detail.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(card(page, 'Approved', /Start a return/)).toBeVisible();
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(card(page, 'Suggested', /Start a return/)).toBeVisible();
  await expect(card(page, 'Approved', /Start a return/)).toHaveCount(0);
  expect(await call<unknown[]>(server, 'articles.list')).toHaveLength(0);

  // edit then approve: the edited text is what becomes the article
  await card(page, 'Suggested', /Start a return/).click();
  await detail.getByRole('button', { name: 'Edit', exact: true }).click();
  const editor = page.getByLabel('Article (Markdown)');
  await editor.fill(
    '# Start a return\n\nOpen **Orders**, pick the order and press *Return*.\n\n1. Print the label.\n2. Drop the parcel at any post office.',
  );
  await expect(page.getByLabel('Preview').getByText('Drop the parcel at any post office.')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'board-edit.png') });
  await detail.getByRole('button', { name: 'Save and approve' }).click();
  await expect(card(page, 'Approved', /Start a return/)).toBeVisible();
  const [article] = await call<{ id: number; version: number }[]>(server, 'articles.list');
  const stored = await call<{ versions: { bodyMd: string }[] }>(server, 'articles.get', { id: article!.id });
  expect(stored.versions[0]!.bodyMd).toContain('Drop the parcel at any post office.');
  await search(page, '');

  // reject with a reason (the button stays disabled without one)
  const [toReject, mergeA, mergeB, splitMe] = (await cards(server)).filter((c) => c.status === 'suggested' && c.kind === 'new');
  await search(page, toReject!.title);
  await card(page, 'Suggested', toReject!.title).click();
  await detailOf(page, toReject!.title).getByRole('button', { name: 'Reject…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Reject', exact: true })).toBeDisabled();
  await dialog.getByLabel('Reason for rejecting').fill('Covered by the onboarding email');
  await dialog.getByRole('button', { name: 'Reject', exact: true }).click();
  await page.getByRole('button', { name: /^Rejected \d+$/ }).click(); // expand the collapsed column
  await expect(card(page, 'Rejected', toReject!.title)).toBeVisible();

  // merge: one card into another
  await search(page, mergeB!.title);
  await card(page, 'Suggested', mergeB!.title).click();
  await detailOf(page, mergeB!.title).getByRole('button', { name: 'Merge…' }).click();
  await dialog.getByLabel('Find a card').fill(`#${mergeA!.id}`);
  await dialog.getByRole('radio').first().check();
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(card(page, 'Rejected', mergeB!.title)).toBeVisible();
  const merged = (await cards(server)).find((c) => c.id === mergeA!.id)!;
  expect(merged.status).toBe('in_review');
  expect(new Set(merged.evidenceTicketIds)).toEqual(new Set([...mergeA!.evidenceTicketIds, ...mergeB!.evidenceTicketIds]));

  // split: two tickets of a card into a card of their own
  await search(page, splitMe!.title);
  await card(page, 'Suggested', splitMe!.title).click();
  const splitting = detailOf(page, splitMe!.title);
  await splitting.getByRole('tab', { name: /Evidence/ }).click();
  await splitting.getByRole('checkbox').nth(0).check();
  await splitting.getByRole('checkbox').nth(1).check();
  const impactLine = splitting.getByText(/^Would now answer \d+ of \d+ similar questions/);
  const before = await call<DraftImpact>(server, 'drafts.impact', { id: splitMe!.id });
  await expect(impactLine).toContainText(`of ${before.similar} similar questions`);
  await splitting.getByRole('button', { name: 'Split into a new card' }).click();
  await expect(page.getByText(/Split 2 tickets into card #\d+/)).toBeVisible();
  // what approving it would change is measured again without the two tickets
  const after = await call<DraftImpact>(server, 'drafts.impact', { id: splitMe!.id });
  expect(after.similar).toBeLessThan(before.similar);
  await expect(impactLine).toContainText(`of ${after.similar} similar questions`);
  const afterSplit = await cards(server);
  expect(afterSplit.find((c) => c.id === splitMe!.id)!.evidenceTicketIds).toHaveLength(splitMe!.evidenceTicketIds.length - 2);
  expect(afterSplit.filter((c) => c.status === 'in_review' && c.evidenceTicketIds.length === 2 && c.id > splitMe!.id)).toHaveLength(1);
  await page.getByRole('button', { name: 'Close draft' }).click();
  await search(page, '');

  // bulk approve: Ctrl+click three cards, approve them together
  const three = (await cards(server)).filter((c) => c.status === 'suggested' && c.kind === 'new').slice(0, 3); // the top of the column
  for (const c of three) await card(page, 'Suggested', c.title).click({ modifiers: ['Control'] });
  const bulk = page.getByRole('toolbar', { name: 'Selected cards' });
  await expect(bulk.getByText('3 selected')).toBeVisible();
  await bulk.getByRole('button', { name: 'Approve 3' }).click();
  for (const c of three) await expect(card(page, 'Approved', c.title)).toBeVisible();

  // drag and drop: a suggestion into In review, then an approved card to Published
  const dragged = (await cards(server)).find((c) => c.status === 'suggested' && c.kind === 'new')!;
  await dragTo(page, card(page, 'Suggested', dragged.title), column(page, 'In review'));
  await expect(card(page, 'In review', dragged.title)).toBeVisible();
  // dropping on Published publishes: here to a Markdown folder; the card moves once the file is written
  await call(server, 'exports.addTarget', { kind: 'markdown', name: 'Knowledge folder', fields: { folder: join(dataDir, 'kb') } });
  await dragTo(page, card(page, 'Approved', three[0]!.title), column(page, 'Published'));
  await expect(card(page, 'Published', three[0]!.title)).toBeVisible({ timeout: 15_000 });
  await expect(card(page, 'Published', three[0]!.title).getByText('Exported to a file')).toBeVisible();
  // the card grows for its link: its count and age are not squeezed out of sight
  await expect.poll(() => cutShort(page)).toEqual([]);
  // the export's toasts said their piece; out of the way before the next drag
  await expect(page.getByRole('status').getByText('Knowledge folder: 1 created')).toBeVisible();
  // a toast may also go by itself between counting and clicking
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click({ timeout: 2000 }).catch(() => {});
  await page.screenshot({ path: join(SCREENSHOTS, 'board-columns.png') });
  // an illegal drop is refused with a reason, and nothing moves
  await dragTo(page, card(page, 'Published', three[0]!.title), column(page, 'Suggested'));
  await expect(page.getByText('Only cards in review go back to Suggested.')).toBeVisible();
  expect((await cards(server)).find((c) => c.id === three[0]!.id)!.status).toBe('published');

  // the audit trail of a card shows who did what
  await card(page, 'Published', three[0]!.title).click();
  await page.getByRole('tab', { name: /History/ }).click();
  const trail = page.getByRole('list', { name: 'Audit trail' });
  await expect(trail.getByText('Marked as published')).toBeVisible();
  await expect(trail.getByText(/Approved as article \d+, version 1/)).toBeVisible();
});

/** The cards whose lines (count, age, drafter, link) are cut short: a title may wrap onto two lines and end in "…", the rest must show whole. */
function cutShort(page: Page): Promise<string[]> {
  return page
    .locator('.board-card')
    .evaluateAll((tiles) =>
      tiles
        .filter((tile) =>
          [tile, ...tile.querySelectorAll(':scope > :not(.board-card__title)')].some((e) => e.scrollHeight > e.clientHeight + 1),
        )
        .map((tile) => tile.querySelector('.board-card__title')?.textContent ?? ''),
    );
}

async function dragTo(page: Page, from: ReturnType<Page['locator']>, to: ReturnType<Page['locator']>) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 4, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + 120, { steps: 8 });
  // once more over the target after a frame: on a busy machine the last move can be read before
  // the board has measured the columns it passed, and the drop would land on one of those
  await page.waitForTimeout(50);
  await page.mouse.move(b.x + b.width / 2, b.y + 122);
  await page.mouse.up();
  await page.waitForTimeout(100); // dnd-kit ignores clicks for 50 ms after a drop, as a person's hand would
}

test('keyboard-only review of ten cards', async ({ page, server }) => {
  const before = await learnedBoard(server, page);
  await expect(column(page, 'Suggested').getByRole('button').first()).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // ten cards: approve, move on, reject one with a reason, edit one, undo one — no mouse
  const focusedTitle = async () => (await page.locator('.board-card--focused .board-card__title').textContent()) ?? '';
  const approved: string[] = [];
  for (let i = 0; i < 7; i++) {
    const title = await focusedTitle();
    await page.keyboard.press('a');
    await expect(card(page, 'Approved', title)).toBeVisible();
    approved.push(title);
  }
  // Undo takes back the newest change, so only the newest toast offers it
  const undoButtons = page.getByRole('status').getByRole('button', { name: 'Undo' });
  await expect(undoButtons).toHaveCount(1);
  await expect(toReviewCount(page)).toHaveText(
    String(before.filter((c) => c.status === 'suggested' || c.status === 'in_review').length - 7),
  );
  const rejected = await focusedTitle();
  await page.keyboard.press('r');
  await page.keyboard.type('Not something customers ask about');
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Rejected “${rejected}”`, { exact: false })).toBeVisible();
  await page.keyboard.press('j');
  const edited = await focusedTitle();
  await page.keyboard.press('e');
  await expect(page.getByLabel('Article (Markdown)')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type('\n\nReviewed by keyboard.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(`Saved “${edited}”`)).toBeVisible();
  await expect(page.getByLabel('Article (Markdown)')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: /^Draft / })).toHaveCount(0);
  await page.keyboard.press('u'); // undo the edit
  await expect(page.getByText('Undid the last edit.')).toBeVisible();
  await expect(undoButtons).toHaveCount(0);
  await page.keyboard.press('a');
  const last = (await cards(server)).filter((c) => c.status === 'approved');
  expect(last.map((c) => c.title).sort()).toEqual([...approved, edited].sort());
  const all = await cards(server);
  expect(all.find((c) => c.title === rejected)!.status).toBe('rejected');
  expect(all.filter((c) => c.status === 'suggested')).toHaveLength(before.filter((c) => c.status === 'suggested').length - 9);

  // with a card open, its details take half the width; hopping right brings each column into view
  await page.getByRole('button', { name: /^Rejected \d+$/ }).click(); // the last column, collapsed at first
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: /^Draft / })).toBeVisible();
  for (const name of ['Approved', 'Rejected']) {
    await page.keyboard.press('l');
    await expect(column(page, name).locator('.board-card--focused')).toHaveCount(1);
    await expect.poll(() => inView(page, column(page, name))).toBe(true);
  }
  await expect(detailOf(page, rejected)).toBeVisible(); // the details follow the focus
  await page.screenshot({ path: join(SCREENSHOTS, 'board-keyboard-far-column.png') });
  expect(await pageOverflow(page)).toBeLessThanOrEqual(1);

  // opened with the mouse, a card in the last column keeps its column in view beside the details
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: /^Draft / })).toHaveCount(0);
  await page.locator('.board__columns').evaluate((row) => (row.scrollLeft = 0));
  await card(page, 'Rejected', rejected).click();
  await expect(detailOf(page, rejected)).toBeVisible();
  await expect.poll(() => inView(page, column(page, 'Rejected'))).toBe(true);
  await page.screenshot({ path: join(SCREENSHOTS, 'board-mouse-far-column.png') });
});

/** Whether a column shows whole within the row of columns (not scrolled past its edge). */
async function inView(page: Page, region: ReturnType<Page['locator']>): Promise<boolean> {
  const [box, row] = [await region.boundingBox(), await page.locator('.board__columns').boundingBox()];
  return Boolean(box && row && box.x >= row.x - 1 && box.x + box.width <= row.x + row.width + 1);
}

test('an update draft shows its diff; the knowledge base keeps versions, evidence, archive and restore', async ({
  page,
  server,
  dataDir,
}) => {
  const [first] = (await learnedBoard(server, page)).filter((c) => c.kind === 'new');
  const { approved } = await call<{ approved: { articleId: number }[] }>(server, 'drafts.approve', { ids: [first!.id] });
  const articleId = approved[0]!.articleId;
  // the learning engine raises update drafts when the team's answer grows; here one is put on the board directly
  const db = new Database(join(dataDir, 'workspaces', 'demo-workspace.tideline.db'));
  const base = db.prepare('SELECT body_md FROM article_versions WHERE article_id = ?').pluck().get(articleId) as string;
  const now = new Date().toISOString();
  const update = db
    .prepare(
      `INSERT INTO drafts (topic_id, kind, status, title, body_md, article_id, base_version, drafter, created_at, updated_at) VALUES (NULL, 'update', 'suggested', ?, ?, ?, 1, 'extractive', ?, ?)`,
    )
    .run(first!.title, `${base}\n## Good to know\n\nReturns are free within 30 days.\n`, articleId, now, now).lastInsertRowid;
  db.close();
  await page.reload();
  await search(page, first!.title);
  await card(page, 'Suggested', first!.title).click();
  const detail = page.getByRole('complementary', { name: /^Draft / });
  await expect(detail.getByText('Update', { exact: true })).toBeVisible();
  await expect(detail.getByRole('tab', { name: 'Changes' })).toHaveAttribute('aria-selected', 'true');
  const sideBySide = detail.getByRole('table', { name: 'Changes side by side' });
  await expect(sideBySide.getByText('Returns are free within 30 days.')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'board-update-diff.png') });
  await detail.getByRole('radio', { name: 'Inline' }).click();
  await expect(detail.getByLabel('Changes inline').locator('ins', { hasText: 'Returns are free within 30 days.' })).toBeVisible();
  await detail.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByText(`Approved: article ${articleId}, version 2.`)).toBeVisible();
  expect((await cards(server)).find((c) => c.id === Number(update))!.status).toBe('approved');

  // the knowledge base: search, versions with their diff, evidence, archive and restore
  await page.getByRole('link', { name: 'Knowledge base' }).click();
  await page.getByLabel('Search articles').fill('free within 30 days');
  const list = page.getByRole('list', { name: 'Articles' });
  await expect(list.getByRole('button')).toHaveCount(1);
  await list.getByRole('button').click();
  const view = page.getByRole('article', { name: /^Article / });
  await view.getByRole('tab', { name: 'Versions (2)' }).click();
  await expect(view.getByRole('table', { name: 'Changes side by side' }).getByText('Returns are free within 30 days.')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'articles-versions.png') });
  expect(await pageOverflow(page)).toBeLessThanOrEqual(1);
  await view.getByRole('button', { name: /Version 1/ }).click();
  await view.getByRole('tab', { name: 'Evidence' }).click();
  await expect(view.getByRole('list', { name: 'Evidence' }).getByRole('listitem').first()).toBeVisible();
  await view.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText(/Archived “/)).toBeVisible();
  await page.getByLabel('Search articles').fill('');
  await expect(list.getByRole('button')).toHaveCount(0);
  await page.getByRole('radio', { name: 'Archived' }).click();
  await list.getByRole('button').first().click();
  await page
    .getByRole('article', { name: /^Article / })
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(page.getByText(/Restored “/)).toBeVisible();
  expect(await call<unknown[]>(server, 'articles.list', { status: 'active' })).toHaveLength(1);
});
