import { describe, expect, it } from 'vitest';
import { DemoCompany } from '../../src/main/core/demo/generator';
import { importDemoWeek } from '../../src/main/core/demo/simulation';
import type { DemoTruth } from '../../src/main/core/demo/types';
import { allDraftDetails, runToEnd, testEngine } from '../helpers/temp';

describe('approving drafts, and articles the product outgrows', () => {
  it('approves a draft into an article, and raises a stale draft within 2 weeks of the product change', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Stale' });
    await handle.call('learning.configure', { auto: false });
    const db = handle.workspaces.requireCurrent().db;
    const company = new DemoCompany({ seed: 9, weeks: 10, perWeek: 300, start: '2026-01-05T00:00:00.000Z' });
    const change = company.events.productChangeWeek;
    for (let w = 0; w < change; w++) importDemoWeek(db, company, w);
    await runToEnd(handle, () => handle.call('learn.backfill', {}));

    const topicOf = (ids: number[]) => {
      const counts = new Map<string, number>();
      for (const id of ids) {
        const topic =
          (JSON.parse(db.prepare('SELECT truth FROM ticket_truth WHERE ticket_id = ?').pluck().get(id) as string) as DemoTruth).topic ?? '';
        counts.set(topic, (counts.get(topic) ?? 0) + 1);
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    };
    const drafts = await allDraftDetails(handle);
    const passwords = drafts.find((d) => topicOf(d.evidenceTicketIds) === company.events.changedTopic)!;
    expect(passwords.bodyMd).toContain('Forgot password');

    const [approved] = (await handle.call('drafts.approve', { ids: [passwords.id] })).approved;
    expect(approved!.version).toBe(1);
    expect(db.prepare('SELECT action FROM review_events WHERE draft_id = ?').pluck().all(passwords.id)).toEqual(['approve']);
    expect(await handle.engine.dispatch('drafts.approve', { ids: [passwords.id] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const other = drafts.find((d) => d.id !== passwords.id)!;
    await handle.call('drafts.reject', { ids: [other.id], reason: 'We cover this in the onboarding email.' });
    expect(await handle.engine.dispatch('drafts.reject', { ids: [other.id], reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });

    // the product changes: humans now answer with sign-in codes; the AI agent still says "Forgot password"
    let stale = null;
    for (let w = change; w < change + 2 && !stale; w++) {
      importDemoWeek(db, company, w);
      await runToEnd(handle, () => handle.call('learn.run', {}));
      stale = (await allDraftDetails(handle)).find((d) => d.kind === 'stale');
    }
    expect(stale).toBeDefined();
    expect(stale!.bodyMd).toContain('sign-in code');
    expect(db.prepare('SELECT article_id, base_version FROM drafts WHERE id = ?').get(stale!.id)).toEqual({
      article_id: approved!.articleId,
      base_version: 1,
    });
    expect((await handle.call('drafts.list', {})).filter((d) => d.id === other.id)[0]!.status).toBe('rejected');

    // approving it makes version 2 of the same article, not a second article
    expect((await handle.call('drafts.approve', { ids: [stale!.id] })).approved).toEqual([
      { draftId: stale!.id, articleId: approved!.articleId, version: 2 },
    ]);
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
  }, 180_000);
});
