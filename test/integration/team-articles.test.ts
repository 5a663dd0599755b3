import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockHelpCenter } from '../helpers/help-centers';
import { teamPair } from '../helpers/team';
import { onCleanup, runToEnd, tempDir, waitFor } from '../helpers/temp';

type Handle = Awaited<ReturnType<typeof teamPair>>['ana'];

/** The article's versions as texts, oldest first, and the current one. */
async function versionsOf(handle: Handle, title: string) {
  const article = (await handle.call('articles.list', {})).find((a) => a.title === title);
  if (!article) return undefined;
  const detail = await handle.call('articles.get', { id: article.id });
  return {
    detail,
    texts: [...detail.versions].reverse().map((v) => v.bodyMd),
    current: detail.versions.find((v) => v.version === detail.version)!.bodyMd,
  };
}

// two engines and a team server, each syncing: slower than most on a busy machine
describe('the team’s knowledge base', { timeout: 90_000 }, () => {
  it('an edit in the knowledge base reaches the other lead; edits made at once offline both stay, and both end on the later; archiving travels', async () => {
    const { ana, ben, anaCard, stopServer, restartServer } = await teamPair();
    await ana.call('drafts.approve', { ids: [anaCard.id] });
    await ana.team.flush();
    const [article] = await waitFor(async () => {
      const list = await ben.call('articles.list', {});
      return list.length ? list : undefined;
    });
    const [anaArticle] = await ana.call('articles.list', {});

    await ana.call('articles.edit', { id: anaArticle!.id, title: anaArticle!.title, bodyMd: 'Register within 30 days.' });
    await ana.team.flush();
    const reached = await waitFor(async () => {
      const v = await versionsOf(ben, article!.title);
      return v?.current === 'Register within 30 days.' ? v : undefined;
    });
    expect(reached.detail.history.find((h) => h.action === 'article_edit')?.actor).toBe('Ana');

    // Ana publishes the card: Ben's card moves to Published too, in her name, with where it went
    await ana.call('exports.addTarget', { kind: 'markdown', name: 'Folder', fields: { folder: join(tempDir(), 'kb') } });
    const job = await runToEnd(ana, async () => (await ana.call('drafts.publish', { ids: [anaCard.id] })).job!);
    expect(job.status).toBe('done');
    await ana.team.flush();
    const published = await waitFor(async () => (await ben.call('drafts.list', {})).find((c) => c.status === 'published'));
    expect(published.publishedUrl).toBeNull(); // a file on Ana's disk; the article says where
    expect((await ben.call('articles.get', { id: published.articleId! })).published).toEqual([
      expect.objectContaining({ by: 'Ana', targetName: 'Folder' }),
    ]);
    expect((await ben.call('drafts.get', { id: published.id })).history.find((h) => h.action === 'publish')?.actor).toBe('Ana');

    // offline, both edit; Ben's is the later
    await stopServer();
    await ana.call('articles.edit', { id: anaArticle!.id, title: anaArticle!.title, bodyMd: 'Text by Ana, offline.' });
    await new Promise((r) => setTimeout(r, 20));
    await ben.call('articles.edit', { id: article!.id, title: article!.title, bodyMd: 'Text by Ben, offline.' });
    await restartServer();
    await Promise.all([ana.team.flush(20_000), ben.team.flush(20_000)]);
    await waitFor(async () => ((await versionsOf(ana, article!.title))?.current === 'Text by Ben, offline.' ? true : undefined), 20_000);
    await waitFor(
      async () => ((await versionsOf(ben, article!.title))?.texts.includes('Text by Ana, offline.') ? true : undefined),
      20_000,
    );
    for (const handle of [ana, ben]) {
      const v = (await versionsOf(handle, article!.title))!;
      expect(v.current).toBe('Text by Ben, offline.');
      expect(v.texts).toEqual(expect.arrayContaining(['Register within 30 days.', 'Text by Ana, offline.', 'Text by Ben, offline.']));
      expect(new Set(v.texts).size).toBe(v.texts.length); // no text twice
    }

    await ben.call('articles.archive', { id: article!.id });
    await ben.team.flush();
    await waitFor(async () => ((await ana.call('articles.get', { id: anaArticle!.id })).status === 'archived' ? true : undefined));
  });

  it('imported articles reach the others; a publication to a help center both use is one article there, updated from either machine', async () => {
    const { ana, ben } = await teamPair();
    const folder = tempDir();
    writeFileSync(join(folder, 'gift-cards.md'), '# Gift cards\n\nGift cards never expire.\n');
    writeFileSync(join(folder, 'returns.md'), '# Returns\n\nReturn within 30 days.\n');
    await ana.call('articles.import', { folder });
    await ana.team.flush();
    await waitFor(async () => ((await ben.call('articles.list', {})).length === 2 ? true : undefined));
    expect((await versionsOf(ben, 'Gift cards'))!.current).toContain('Gift cards never expire.');

    // both connect the same help center; Ana publishes
    const zendesk = await startMockHelpCenter('zendesk');
    onCleanup(() => zendesk.close());
    const target = {
      kind: 'zendesk' as const,
      name: 'Help center',
      fields: zendesk.fields,
      secrets: zendesk.secrets,
      baseUrl: zendesk.url,
    };
    const anaTarget = await ana.call('exports.addTarget', target);
    const benTarget = await ben.call('exports.addTarget', target);
    const job = await runToEnd(ana, async () => (await ana.call('exports.run', { targetId: anaTarget.id })).job!);
    expect(job.status).toBe('done');
    expect(zendesk.articles.size).toBe(2);
    await ana.team.flush();

    // Ben's machine knows they are there: nothing to create, and the article says who published it
    await waitFor(async () => {
      const records = await ben.call('exports.records', { targetId: benTarget.id });
      return records.length === 2 && records.every((r) => r.status === 'done') ? true : undefined;
    });
    expect((await ben.call('exports.preview', { targetId: benTarget.id })).map((p) => p.action)).toEqual(['skip', 'skip']);
    const gift = (await versionsOf(ben, 'Gift cards'))!.detail;
    expect(gift.published).toEqual([
      expect.objectContaining({ by: 'Ana', targetName: 'Help center', url: expect.stringMatching(/^https:/) }),
    ]);

    // Ben edits and publishes: the same help-center article changes, no second one, no false conflict
    await ben.call('articles.edit', { id: gift.id, title: gift.title, bodyMd: 'Gift cards never expire, and work online.' });
    const benJob = await runToEnd(ben, async () => (await ben.call('exports.run', { targetId: benTarget.id })).job!);
    expect(benJob.status).toBe('done');
    expect(zendesk.articles.size).toBe(2);
    expect([...zendesk.articles.values()].map((a) => a.body)).toContain('<p>Gift cards never expire, and work online.</p>\n');
    expect((await ben.call('exports.records', { targetId: benTarget.id })).every((r) => r.status === 'done')).toBe(true);
  });

  it('an update card from the learner changes the same article on every machine', async () => {
    const { ana, ben, anaCard } = await teamPair();
    await ana.call('drafts.approve', { ids: [anaCard.id] });
    await ana.team.flush();
    await waitFor(async () => ((await ben.call('articles.list', {})).length === 1 ? true : undefined));
    // learning on Ana's machine suggests a change to the article (as after a product change)
    const [article] = await ana.call('articles.list', {});
    const now = new Date().toISOString();
    ana.workspaces
      .requireCurrent()
      .db.prepare(
        `INSERT INTO drafts (kind, status, title, body_md, drafter, labels, article_id, base_version, created_at, updated_at)
         VALUES ('update', 'suggested', ?, 'Register in the app now.', 'extractive', '[]', ?, 1, ?, ?)`,
      )
      .run(article!.title, article!.id, now, now);
    await ana.team.flush();
    const update = await waitFor(async () => (await ben.call('drafts.list', {})).find((d) => d.kind === 'update'));
    const detail = await ben.call('drafts.get', { id: update.id });
    expect(detail.base).toMatchObject({ version: 1, title: article!.title });

    await ben.call('drafts.approve', { ids: [update.id] });
    await ben.team.flush();
    for (const handle of [ben, ana]) {
      await waitFor(async () => {
        const list = await handle.call('articles.list', {});
        return list.length === 1 && list[0]!.version === 2 ? true : undefined;
      });
      const [only] = await handle.call('articles.list', {});
      const current = (await handle.call('articles.get', { id: only!.id })).versions[0]!;
      expect(current).toMatchObject({ version: 2, bodyMd: 'Register in the app now.' });
    }
  });
});
