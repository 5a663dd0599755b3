import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { warrantyTickets } from '../helpers/handovers';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { learner, pairWithServerDown, teamServer } from '../helpers/team';
import { onCleanup, runToEnd, tempDir, testEngine, waitFor } from '../helpers/temp';
import { startFakeOllama } from '../helpers/fake-ollama';

function ticketsWithHandovers(dir: string): string {
  const file = join(dir, 'handovers.jsonl');
  writeFileSync(file, warrantyTickets(0, 4));
  return file;
}

// two or three engines, each importing, learning and syncing: slower than most on a busy machine
describe('review as a team', { timeout: 90_000 }, () => {
  it('shares a workspace, a second lead joins with the invite and sees the card with redacted evidence; an approval reaches the other', async () => {
    const server = await teamServer();
    const ana = await learner();
    const shared = await ana.call('team.share', { server: server.url, name: 'Ana' });
    expect(shared.invite).toMatch(/^tideline-team:/);
    expect(shared.team).toMatchObject({ learner: true, connection: 'online', cards: 1, name: 'Ana' });

    const ben = testEngine();
    const joined = await ben.call('team.join', { invite: shared.invite, name: 'Ben' });
    expect(joined.workspace.name).toBe('Acme support');
    expect(joined.team).toMatchObject({ learner: false, connection: 'online', cards: 1 });
    expect(joined.team!.members.map((m) => [m.name, m.online, m.you])).toEqual([
      ['Ana', true, false],
      ['Ben', true, true],
    ]);
    const [card] = await ben.call('drafts.list', {});
    // the drafter is the learner's (no LLM set up: the extractive one)
    expect(card).toMatchObject({ status: 'suggested', drafter: 'extractive', topicSize: 4 });
    expect(card!.evidenceTicketIds).toHaveLength(4);
    const detail = await ben.call('drafts.get', { id: card!.id });
    expect(detail.evidence.every((e) => e.shared)).toBe(true);
    expect(detail.evidence.map((e) => e.question)).toContain('How do I register my warranty?');
    expect(JSON.stringify(detail.evidence)).not.toMatch(/Customer \d/); // the requesters' names stay on Ana's machine
    expect((await ben.call('tickets.list', {})).total).toBe(0);

    // Ana writes the card again with a local LLM: Ben's card says so, with the new text
    const ollama = await startFakeOllama({ 'writer:7b': 0 }, [
      JSON.stringify({
        title: detail.title,
        summary: 'Register it in the app.',
        steps: ['Open Settings → Warranty.', 'Click Register.'],
        waysAsked: [],
        notes: [],
      }),
    ]);
    onCleanup(() => ollama.close());
    const [anaDraft] = await ana.call('drafts.list', {});
    const redraft = await runToEnd(ana, () =>
      ana.call('drafts.regenerate', { id: anaDraft!.id, drafter: { provider: 'ollama', model: 'writer:7b', host: ollama.url } }),
    );
    expect(redraft.status).toBe('done');
    await ana.team.flush();
    const rewritten = await waitFor(async () => {
      const got = await ben.call('drafts.get', { id: card!.id });
      return got.drafter === 'ollama:writer:7b' ? got : undefined;
    });
    expect(rewritten.bodyMd).toContain('Register it in the app.');

    // Ben edits and approves; Ana's card becomes the same article, approved in Ben's name
    await ben.call('drafts.edit', { id: card!.id, title: detail.title, bodyMd: `${detail.bodyMd}\n\nKeep the receipt.` });
    await ben.call('drafts.approve', { ids: [card!.id] });
    await ben.team.flush();
    const [anaCard] = await waitFor(async () => {
      const list = await ana.call('drafts.list', {});
      return list[0]?.status === 'approved' ? list : undefined;
    });
    const anaDetail = await ana.call('drafts.get', { id: anaCard!.id });
    expect(anaDetail.bodyMd).toContain('Keep the receipt.');
    expect(anaDetail.history.find((h) => h.action === 'approve')?.actor).toBe('Ben');
    expect((await ana.call('articles.list', {}))[0]?.title).toBe(detail.title);
    expect((await ben.call('articles.list', {}))[0]).toMatchObject({ title: detail.title, evidenceCount: 4 }); // the snippets behind it

    // local-only mode (on by default) let the team server through once shared, and the egress log shows its traffic
    expect((await ana.call('privacy.get', {})).localOnly).toBe(true);
    const rows = (await ana.call('egress.list', {})).entries.filter((e) => e.role === 'team-server');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.origin === new URL(server.url).origin && r.outcome === 'sent')).toBe(true);
    expect(rows.reduce((n, r) => n + r.bytesOut, 0)).toBeGreaterThan(0);
  });

  it('the server goes down; one lead approves while the other rejects; back up, both boards show the approval and who gave way', async () => {
    const { ana, ben, anaCard, benCard, restartServer } = await pairWithServerDown();
    await waitFor(async () => ((await ben.call('team.status', {})).team?.connection === 'offline' ? true : undefined));
    const notices: string[] = [];
    ben.engine.on((event, payload) => event === 'app.notice' && notices.push((payload as { message: string }).message));
    await ben.call('drafts.reject', { ids: [benCard.id], reason: 'Handled by the manufacturer' });
    await ana.call('drafts.approve', { ids: [anaCard.id] });
    expect((await ben.call('drafts.list', {}))[0]!.status).toBe('rejected'); // offline: each board keeps its own change

    await restartServer();
    await Promise.all([ana.team.flush(20_000), ben.team.flush(20_000)]);
    await waitFor(async () => ((await ben.call('drafts.list', {}))[0]!.status === 'approved' ? true : undefined), 20_000);
    expect((await ana.call('drafts.list', {}))[0]!.status).toBe('approved');
    const history = (await ben.call('drafts.get', { id: benCard.id })).history.map((h) => [h.actor, h.action]);
    expect(history).toEqual(
      expect.arrayContaining([
        ['lead', 'reject'],
        ['Ana', 'approve'],
      ]),
    );
    const team = (await ben.call('drafts.get', { id: benCard.id })).team!;
    expect(team.decisions.map((d) => [d.name, d.action]).sort()).toEqual([
      ['Ana', 'approve'],
      ['Ben', 'reject'],
    ]);
    expect(team.overruled).toEqual([expect.objectContaining({ name: 'Ben', action: 'reject', byName: 'Ana', byAction: 'approve' })]);
    expect(team.overruled[0]!.member).toBe(team.you);
    // Ben is told once, without opening the card
    await ben.team.flush();
    expect(notices.filter((n) => n.startsWith(`You rejected “${benCard.title}” while Ana approved it`))).toHaveLength(1);
  });

  it('two different texts approved at once: both articles end on the later one, and a later edit of the article is kept', async () => {
    const { ana, ben, anaCard, benCard, restartServer } = await pairWithServerDown();

    await ana.call('drafts.edit', { id: anaCard.id, title: anaCard.title, bodyMd: 'Text by Ana.' });
    await ana.call('drafts.approve', { ids: [anaCard.id] });
    await new Promise((r) => setTimeout(r, 20));
    await ben.call('drafts.edit', { id: benCard.id, title: benCard.title, bodyMd: 'Text by Ben.' });
    await ben.call('drafts.approve', { ids: [benCard.id] });

    await restartServer();
    await Promise.all([ana.team.flush(20_000), ben.team.flush(20_000)]);
    // an article's versions, oldest first
    const current = async (handle: typeof ana) => {
      const [article] = await handle.call('articles.list', {});
      return [...(await handle.call('articles.get', { id: article!.id })).versions].reverse();
    };
    await waitFor(
      async () => ((await current(ana)).at(-1)?.bodyMd === 'Text by Ben.' ? true : undefined),
      20_000,
      'Ana to take the text that stands',
    );
    expect((await current(ana)).map((v) => v.bodyMd)).toEqual(['Text by Ana.', 'Text by Ben.']);
    expect((await current(ben)).map((v) => v.bodyMd)).toEqual(['Text by Ben.']);
    expect((await ana.call('drafts.get', { id: anaCard.id })).team!.overruled[0]).toMatchObject({ name: 'Ana', byName: 'Ben' });

    const [article] = await ana.call('articles.list', {});
    await ana.call('articles.edit', { id: article!.id, title: article!.title, bodyMd: 'Ana’s later edit.' });
    await ana.team.flush(10_000);
    expect((await current(ana)).at(-1)?.bodyMd).toBe('Ana’s later edit.');
  });

  it('cards decided before the workspace was shared arrive decided', async () => {
    const server = await teamServer();
    const ana = await learner(`${warrantyTickets(0, 4)}\n${warrantyTickets(0, 4, 'return')}`);
    const cards = await ana.call('drafts.list', {});
    expect(cards).toHaveLength(2);
    await ana.call('drafts.approve', { ids: [cards[0]!.id] });
    await ana.call('drafts.reject', { ids: [cards[1]!.id], reason: 'Not our policy' });
    const { invite } = await ana.call('team.share', { server: server.url, name: 'Ana' });
    const ben = testEngine();
    await ben.call('team.join', { invite, name: 'Ben' });
    const received = await ben.call('drafts.list', {});
    expect(received.map((d) => [d.title, d.status, d.rejectReason]).sort()).toEqual(
      [
        [cards[0]!.title, 'approved', null],
        [cards[1]!.title, 'rejected', 'Not our policy'],
      ].sort(),
    );
    expect((await ben.call('articles.list', {})).map((a) => a.title)).toEqual([cards[0]!.title]);
  });

  it('assigns cards to members, filters mine and unassigned, shows who is looking at a card and who changed its text', async () => {
    const server = await teamServer();
    const ana = await learner(`${warrantyTickets(0, 4)}\n${warrantyTickets(0, 4, 'return')}`);
    const { invite } = await ana.call('team.share', { server: server.url, name: 'Ana' });
    const ben = testEngine();
    const joined = await ben.call('team.join', { invite, name: 'Ben' });
    const [first, second] = await ana.call('drafts.list', {});
    expect(first!.team).toEqual({ assignee: null, standing: null, edited: null });

    // Ana takes one card and gives the other to Ben
    await ana.call('team.status', {}); // the member list comes from the server
    await ana.call('team.assign', { ids: [first!.id], member: 'me' });
    await ana.call('team.assign', { ids: [second!.id], member: joined.team!.member });
    const benCards = await waitFor(async () => {
      const list = await ben.call('drafts.list', {});
      return list.every((c) => c.team?.assignee) ? list : undefined;
    });
    expect(benCards.map((c) => [c.title, c.team!.assignee!.name]).sort()).toEqual(
      [
        [first!.title, 'Ana'],
        [second!.title, 'Ben'],
      ].sort(),
    );
    expect((await ben.call('drafts.list', { assignee: 'me' })).map((c) => c.title)).toEqual([second!.title]);
    expect(await ben.call('drafts.list', { assignee: 'nobody' })).toEqual([]);
    await ben.call('team.assign', { ids: [benCards.find((c) => c.title === second!.title)!.id], member: null });
    await waitFor(async () => ((await ana.call('drafts.list', { assignee: 'nobody' })).length === 1 ? true : undefined));
    await expect(ana.call('team.assign', { ids: [first!.id], member: 'someone-else' })).rejects.toThrow(/current member of the team/);

    // a label Ben puts on a card is on Ana's too
    await ben.call('drafts.label', { ids: [benCards.find((c) => c.title === first!.title)!.id], add: ['warranty'] });
    await ben.team.flush();
    await waitFor(async () => ((await ana.call('drafts.list', { label: 'warranty' })).length === 1 ? true : undefined));

    // Ben opens a card: Ana's board says so, until he closes it
    const benFirst = benCards.find((c) => c.title === first!.title)!;
    await ben.call('team.look', { draftId: benFirst.id });
    const looking = await waitFor(async () => {
      const l = (await ana.call('team.status', {})).team!.looking;
      return l.length ? l : undefined;
    });
    expect(looking).toEqual([{ draftId: first!.id, names: ['Ben'] }]);
    await ben.call('team.look', { draftId: null });
    await waitFor(async () => ((await ana.call('team.status', {})).team!.looking.length === 0 ? true : undefined));

    // Ben changes the text and approves: Ana's tile names him for both
    const detail = await ben.call('drafts.get', { id: benFirst.id });
    await ben.call('drafts.edit', { id: benFirst.id, title: detail.title, bodyMd: `${detail.bodyMd}\n\nKeep the receipt.` });
    await ben.team.flush();
    const edited = await waitFor(async () => (await ana.call('drafts.list', {})).find((c) => c.id === first!.id && c.team?.edited));
    expect(edited.team!.edited).toMatchObject({ name: 'Ben', member: joined.team!.member });
    await ben.call('drafts.approve', { ids: [benFirst.id] });
    await ben.team.flush();
    const approved = await waitFor(async () => (await ana.call('drafts.list', {})).find((c) => c.id === first!.id && c.team?.standing));
    expect(approved).toMatchObject({ status: 'approved', team: { standing: { name: 'Ben', action: 'approve' } } });
  });

  it('a removed member is refused and their invite no longer works; a member who leaves keeps the drafts', async () => {
    const server = await teamServer();
    const ana = await learner();
    const { invite } = await ana.call('team.share', { server: server.url, name: 'Ana' });
    const ben = testEngine();
    const joined = await ben.call('team.join', { invite, name: 'Ben' });
    const removed = await ana.call('team.removeMember', { member: joined.team!.member });
    expect(removed.invite).not.toBe(invite);
    expect(removed.team!.members.find((m) => m.name === 'Ben')?.removedAt).not.toBeNull();
    await waitFor(async () => ((await ben.call('team.status', {})).team?.connection === 'refused' ? true : undefined));
    expect((await ben.call('team.status', {})).team?.problem).toMatch(/removed from the team/);
    await expect(testEngine().call('team.join', { invite, name: 'Ben again' })).rejects.toThrow(/invite is no longer valid/);
    const cleo = testEngine();
    await cleo.call('team.join', { invite: removed.invite, name: 'Cleo' });
    expect(await cleo.call('drafts.list', {})).toHaveLength(1);

    expect(await cleo.call('team.leave', {})).toEqual({ team: null });
    expect(await cleo.call('team.status', {})).toEqual({ team: null });
    expect(await cleo.call('drafts.list', {})).toHaveLength(1);
  });

  it('from the command line: share prints the invite, join fills a new workspace, status lists the members, leave', async () => {
    const server = await teamServer();
    const anaDir = tempDir();
    const ana = cli(anaDir);
    expect(await ana.run('import', ticketsWithHandovers(anaDir))).toBe(0);
    expect(await ana.run('learn')).toBe(0);
    expect(await ana.run('team', 'share', '--name', 'Ana')).toBe(2);
    expect(ana.text()).toContain('Say where the team server is');
    expect(await ana.run('team', 'share', '--server', server.url, '--name', 'Ana', '--json')).toBe(0);
    const { invite } = ana.json() as { invite: string };
    expect(invite).toMatch(/^tideline-team:/);

    const ben = cli(tempDir());
    expect(await ben.run('team', 'join', invite, '--name', 'Ben')).toBe(0);
    expect(ben.text()).toMatch(/Joined: workspace "My workspace" \(my-workspace\) is now in use/);
    expect(await ben.run('drafts', 'list')).toBe(0);
    expect(ben.text()).toMatch(/suggested\s+4 tickets/);
    expect(await ben.run('team', 'status')).toBe(0);
    expect(ben.text()).toMatch(/Team server: ws:\/\/127\.0\.0\.1:\d+ \(online\)/);
    expect(ben.text()).toMatch(/Ana — online|Ana — last seen/);
    expect(ben.text()).toContain('Ben (you)');
    expect(await ben.run('drafts', 'list', '--json')).toBe(0);
    const [card] = ben.json() as { id: number }[];
    expect(await ben.run('team', 'assign', String(card!.id), '--to', 'me')).toBe(0);
    expect(ben.text()).toContain('1 card(s) assigned to you.');
    expect(await ben.run('drafts', 'list', '--assignee', 'me')).toBe(0);
    expect(ben.text()).toMatch(/suggested\s+4 tickets .*\(Ben\)/);
    expect(await ben.run('drafts', 'list', '--assignee', 'nobody')).toBe(0);
    expect(ben.text()).toContain('No card matches.');
    expect(await ben.run('team', 'assign', String(card!.id), '--to', 'someone')).toBe(1);
    expect(ben.text()).toContain('current member of the team');
    expect(await ben.run('team', 'join', 'not-an-invite')).toBe(1);
    expect(ben.text()).toContain('That is not a Tideline team invite');
    expect(await ben.run('team', 'leave')).toBe(0);
    expect(await ben.run('team', 'status')).toBe(0);
    expect(ben.text()).toContain('This workspace is not shared with a team.');
  });
});
