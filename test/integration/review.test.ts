import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/host/cli';
import { startFakeOllama } from '../helpers/fake-ollama';
import { cli } from '../helpers/cli';
import { warrantyTickets } from '../helpers/handovers';
import { importLines, onCleanup, runToEnd, tempDir, testEngine } from '../helpers/temp';

describe('review actions and the learning engine', () => {
  it('does not suggest a rejected topic again, unless as many new tickets as the threshold ask it', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Rejected' });
    await handle.call('learning.configure', { auto: false });
    await importLines(handle, warrantyTickets(0, 4));
    const [draft] = await handle.call('drafts.list', {});
    expect(draft).toMatchObject({ kind: 'new', status: 'suggested' });
    await handle.call('drafts.reject', { ids: [draft!.id], reason: 'Warranty is handled by the manufacturer' });

    await importLines(handle, warrantyTickets(4, 2)); // two new tickets: below the threshold of 3
    expect((await handle.call('drafts.list', {})).map((d) => [d.id, d.status])).toEqual([[draft!.id, 'rejected']]);

    await importLines(handle, warrantyTickets(6, 3)); // now five new tickets
    const after = await handle.call('drafts.list', {});
    expect(after.filter((d) => d.status === 'rejected').map((d) => d.id)).toEqual([draft!.id]);
    const again = after.filter((d) => d.status === 'suggested');
    expect(again).toHaveLength(1);
    expect(again[0]!.evidenceTicketIds.length).toBe(9);
  }, 90_000); // several imports, each indexed and learned from

  it('keeps a suggestion the lead touched when learning runs again; merged cards collect new evidence on their target', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Touched' });
    await handle.call('learning.configure', { auto: false });
    await importLines(handle, warrantyTickets(0, 4));
    const [draft] = await handle.call('drafts.list', {});
    await handle.call('drafts.label', { ids: [draft!.id], add: ['warranty'] });
    await importLines(handle, warrantyTickets(4, 2));
    const [kept] = await handle.call('drafts.list', {});
    expect(kept).toMatchObject({ id: draft!.id, status: 'suggested', labels: ['warranty'] });
    expect(kept!.evidenceTicketIds).toHaveLength(6); // the new tickets joined it

    // a second topic, merged into the first by the lead: its new tickets join the card it was merged into
    await importLines(handle, warrantyTickets(0, 4, 'return'));
    const returns = (await handle.call('drafts.list', {})).find((d) => d.id !== draft!.id)!;
    await handle.call('drafts.merge', { into: draft!.id, ids: [returns.id] });
    await importLines(handle, warrantyTickets(4, 3, 'return'));
    const cards = await handle.call('drafts.list', {});
    expect(cards.map((d) => [d.id, d.status])).toEqual(
      expect.arrayContaining([
        [draft!.id, 'in_review'],
        [returns.id, 'rejected'],
      ]),
    );
    expect(cards).toHaveLength(2);
    expect(cards.find((d) => d.id === draft!.id)!.evidenceTicketIds).toHaveLength(6 + 7);
  }, 90_000); // several imports, each indexed and learned from

  it('regenerates a card with another drafter as a job, and undo brings the old text back', async () => {
    const fake = await startFakeOllama({ 'writer:7b': 0 }, [
      JSON.stringify({
        title: 'Register your warranty',
        summary: 'Register it in the app.',
        steps: ['Open Settings → Warranty.', 'Enter the serial number.', 'Click Register.'],
        waysAsked: ['How do I register my warranty?'],
        notes: [],
      }),
    ]);
    onCleanup(() => fake.close());
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Redraft' });
    await handle.call('learning.configure', { auto: false });
    await importLines(handle, warrantyTickets(0, 4));
    const [draft] = await handle.call('drafts.list', {});
    const before = await handle.call('drafts.get', { id: draft!.id });
    expect(before.drafter).toBe('extractive');

    const job = await runToEnd(handle, () =>
      handle.call('drafts.regenerate', { id: draft!.id, drafter: { provider: 'ollama', model: 'writer:7b', host: fake.url } }),
    );
    expect(job.status).toBe('done');
    const after = await handle.call('drafts.get', { id: draft!.id });
    expect(after).toMatchObject({ drafter: 'ollama:writer:7b', title: 'Register your warranty', status: 'in_review' });
    expect(after.bodyMd).toContain('Enter the serial number.');
    expect(after.history.map((e) => e.action)).toEqual(['regenerate']);
    // the drafter saw the tickets with the customers' names removed
    const prompt = JSON.stringify(fake.requests.find((r) => r.path === '/api/chat')!.body);
    expect(prompt).toContain('How do I register my warranty?');
    expect(prompt).not.toContain('Customer 1');

    await handle.call('review.undo', {});
    expect(await handle.call('drafts.get', { id: draft!.id })).toMatchObject({
      drafter: 'extractive',
      title: before.title,
      bodyMd: before.bodyMd,
      status: 'suggested',
    });
    expect(await handle.engine.dispatch('drafts.regenerate', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('reviews from the command line: drafts approve and reject several, undo, articles list', async () => {
    const dataDir = tempDir();
    const handle = testEngine(dataDir);
    await handle.call('workspace.create', { name: 'Cli' });
    await handle.call('learning.configure', { auto: false });
    await importLines(handle, warrantyTickets(0, 4));
    const [draft] = await handle.call('drafts.list', {});
    await handle.close();

    const run = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main([...args, '--data-dir', dataDir], { out: (t) => out.push(t), err: (t) => err.push(t) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    expect(await run('drafts', 'reject', String(draft!.id))).toMatchObject({ code: 2, err: expect.stringMatching(/--reason/) });
    expect(await run('articles', 'list')).toMatchObject({ code: 0, out: expect.stringMatching(/No articles yet/) });
    // reading a card before approving it: what it would answer, the article, the tickets behind it
    const shown = await run('drafts', 'show', String(draft!.id));
    expect(shown.code).toBe(0);
    expect(shown.out.split('\n').slice(0, 3)).toEqual([
      `#${draft!.id}  ${draft!.title}`,
      'new · suggested · 4 tickets · extractive',
      expect.stringMatching(/^Would now answer [1-9]\d* of \d+ similar questions; changes 0 answers that were right\.$/),
    ]);
    expect(shown.out).toContain('Enter the serial number.');
    expect(shown.out).toMatch(/\nEvidence \(4 tickets\):\n {2}warranty-\d +2026-03-\d\d {2}How do I register my warranty\?\n/);
    expect(await run('drafts', 'show', 'first')).toMatchObject({ code: 2, err: expect.stringMatching(/Say which draft/) });
    // a column with no card is not a board with none
    expect(await run('drafts', 'list', '--status', 'in_review')).toMatchObject({ code: 0, out: 'No card is in review.' });
    expect(await run('drafts', 'approve', String(draft!.id), '999')).toMatchObject({
      code: 1,
      out: expect.stringMatching(
        new RegExp(`Approved draft ${draft!.id}: article 1, version 1\\.\\nNot approved: There is no draft 999\\.`),
      ),
    });
    // an approved card has nothing left to preview
    expect((await run('drafts', 'show', String(draft!.id))).out.split('\n')[1]).toBe('new · approved · 4 tickets · extractive');
    expect((await run('drafts', 'show', String(draft!.id))).out).not.toMatch(/Would now answer/);
    const listed = await run('articles', 'list', '--json');
    expect(JSON.parse(listed.out)).toEqual([
      expect.objectContaining({ id: 1, title: draft!.title, version: 1, status: 'active', evidenceCount: 4 }),
    ]);
    expect(await run('drafts', 'undo')).toMatchObject({ code: 0, out: 'Undid the last approve.' });
    expect(JSON.parse((await run('articles', 'list', '--json')).out)).toEqual([]);
    expect(JSON.parse((await run('drafts', 'list', '--status', 'suggested', '--json')).out)).toEqual([
      expect.objectContaining({ id: draft!.id }),
    ]);
  });

  it('writes the answer to a coverage gap from the command line: metrics names it, drafts start, edit, approve', async () => {
    const dataDir = tempDir();
    const handle = testEngine(dataDir);
    await handle.call('workspace.create', { name: 'Gap' });
    await handle.call('learning.configure', { auto: false });
    // lines that answer nothing, no two alike
    const stockLines = [
      'Please check our help centre for the latest on this.',
      'Good question! We are working on more information about this.',
      'Sorry for the trouble, our specialists will contact you.',
    ];
    await importLines(handle, warrantyTickets(0, 3, 'warranty', stockLines));
    await handle.close();
    const { run, text, json } = cli(dataDir);
    expect(await run('metrics', '--from', '2026-03-01', '--to', '2026-03-31')).toBe(0);
    const gap = /^ +3 {2}(.+) {2}\(no agreed answer: tideline drafts start (\d+), then write it\)$/m.exec(text());
    expect(gap, 'the gap and its topic').not.toBeNull();
    expect(await run('drafts', 'start', gap![2]!)).toBe(0);
    const id = /^Started card #(\d+), in review: “(.+)” \(3 tickets\)\.$/m.exec(text())?.[1];
    expect(text()).toContain(`Its “Answer” section is for you to write: tideline drafts edit ${id} --file article.md`);
    expect(await run('drafts', 'show', id!)).toBe(0);
    expect(text()).toContain('## Answer\n\n\n\n## How customers ask\n\n- “How do I register my warranty?”');
    expect(text()).toContain(`The “Answer” section is empty: write it (tideline drafts edit ${id} --file article.md), then approve.`);
    expect(await run('drafts', 'approve', id!)).toBe(1);
    expect(text()).toMatch(/“Answer” section is empty/);

    const file = join(tempDir(), 'article.md');
    writeFileSync(file, '# Register your warranty\n\n## Answer\n\nOpen Settings → Warranty, enter the serial number and click Register.\n');
    expect(await run('drafts', 'edit', id!, '--file', file)).toBe(0);
    expect(text()).toBe(`Saved draft ${id}, in review. Approve it with tideline drafts approve ${id}.`);
    expect(await run('drafts', 'approve', id!)).toBe(0);
    expect(text()).toBe(`Approved draft ${id}: article 1, version 1.`);
    expect(await run('articles', 'list', '--json')).toBe(0);
    expect(json()).toEqual([expect.objectContaining({ title: 'Register your warranty' })]);
    expect(await run('drafts', 'edit', id!, '--file', join(dataDir, 'none.md'))).toBe(2);
    expect(text()).toMatch(/no file/);
  });

  it('starts a card to write, not a draft, when only some answers agree: two alike may be one stock line', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Stock' });
    await handle.call('learning.configure', { auto: false });
    const stock = 'Please check our help centre for the latest on this.';
    await importLines(
      handle,
      warrantyTickets(0, 4, 'warranty', [
        stock,
        'Good question! We are working on more information about this.',
        stock,
        'Sorry for the trouble, our specialists will contact you.',
      ]),
    );
    const topic = (await handle.call('topics.list', {})).find((t) => t.size === 4)!;
    expect([topic.agreeing, topic.draftStatus]).toEqual([2, null]);
    const started = await handle.call('drafts.start', { topicId: topic.id });
    const card = await handle.call('drafts.get', { id: started.created! });
    expect(card.emptySection).toBe('Answer');
    expect(card.bodyMd).not.toContain('help centre');
    expect(card.evidence.map((e) => e.role)).toEqual(['supporting', 'supporting', 'supporting', 'supporting']);

    // tickets split off a card to write make another card to write, never a draft of their stock lines
    const byReply = (reply: string) => card.evidence.filter((e) => e.humanReply === reply).map((e) => e.ticketId);
    for (const moving of [byReply(stock), byReply(stock).slice(0, 1)]) {
      const split = await handle.call('drafts.split', { id: card.id, ticketIds: moving });
      const child = await handle.call('drafts.get', { id: split.created! });
      expect(child.evidence.map((e) => e.ticketId).sort()).toEqual([...moving].sort());
      expect(child.emptySection).toBe('Answer');
      expect(child.bodyMd).not.toContain('help centre');
      await handle.call('review.undo', { batch: split.batch });
    }

    // once the lead wrote it, the answer is still theirs: never drafted again from the stock lines
    expect(card.answerToWrite).toBe(true);
    await handle.call('drafts.edit', {
      id: card.id,
      title: card.title,
      bodyMd: card.bodyMd.replace('## Answer\n', '## Answer\n\nIt covers two years.\n'),
    });
    expect((await handle.call('drafts.get', { id: card.id })).emptySection).toBeNull();
    await expect(handle.call('drafts.regenerate', { id: card.id })).rejects.toThrow(/answer is yours to write/);
  });
});
