import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoFile } from '../../src/main/core/demo/file';
import type { DemoTruth } from '../../src/main/core/demo/types';
import { main } from '../../src/main/host/cli';
import { WHOLE_TEXTS } from '../../src/main/core/search/vectors';
import { runToEnd, tempDir, testEngine } from '../helpers/temp';

const DAY = 24 * 3600 * 1000;

describe('retention', () => {
  it('deletes tickets older than N days with everything indexed from them, in one go, and keeps approved articles with their evidence stripped of personal details', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Retention' });
    await handle.call('learning.configure', { auto: false });
    const path = join(tempDir(), 'demo.jsonl');
    await writeDemoFile(path, { weeks: 6, perWeek: 150, seed: 11 });
    await runToEnd(handle, () => handle.call('import.start', { path }));
    await runToEnd(handle, () => handle.call('embedding.rebuild', {}));
    await runToEnd(handle, () => handle.call('learn.backfill', {}));
    const db = handle.workspaces.requireCurrent().db;
    const cards = (await handle.call('drafts.list', {})).filter((c) => c.kind === 'new').slice(0, 3);
    await handle.call('drafts.approve', { ids: cards.map((c) => c.id) });
    const articlesBefore = await handle.call('articles.list', {});

    // the older half of the tickets goes
    const dates = (db.prepare('SELECT created_at FROM tickets ORDER BY created_at').pluck().all() as string[]).map(Date.parse);
    const days = Math.ceil((Date.now() - dates[Math.floor(dates.length / 2)]!) / DAY);
    const preview = await handle.call('retention.preview', { olderThanDays: days });
    expect(preview.tickets).toBeGreaterThan(100);
    expect(preview.remaining).toBeGreaterThan(100);
    expect(preview.keptEvidence).toBeGreaterThan(0);
    const doomed = db.prepare('SELECT id FROM tickets WHERE created_at < ?').pluck().all(preview.cutoff) as number[];
    expect(doomed).toHaveLength(preview.tickets);
    const pii = new Set(
      (
        db
          .prepare(`SELECT truth FROM ticket_truth WHERE ticket_id IN (SELECT value FROM json_each(?))`)
          .pluck()
          .all(JSON.stringify(doomed)) as string[]
      )
        .flatMap((t) => (JSON.parse(t) as DemoTruth).pii)
        .filter((p) => p.length >= 3),
    );
    expect(pii.size).toBeGreaterThan(10);

    await expect(handle.call('retention.apply', { olderThanDays: days } as never)).rejects.toThrow(/confirm the deletion/);
    const outcome = await handle.call('retention.apply', { olderThanDays: days, confirm: true });
    expect(outcome).toMatchObject({ deleted: preview.tickets, archivedEvidence: preview.keptEvidence });

    // no row of a deleted ticket anywhere: tickets, messages, full text, vectors, handovers, evidence
    const left = (sql: string) => db.prepare(sql).pluck().get(JSON.stringify(doomed)) as number;
    const ids = 'SELECT value FROM json_each(?)';
    expect(left(`SELECT count(*) FROM tickets WHERE id IN (${ids})`)).toBe(0);
    expect(left(`SELECT count(*) FROM messages WHERE ticket_id IN (${ids})`)).toBe(0);
    expect(left(`SELECT count(*) FROM ticket_fts WHERE rowid IN (${ids})`)).toBe(0);
    expect(left(`SELECT count(*) FROM embeddings WHERE kind IN ('question','reply') AND ref_id IN (${ids})`)).toBe(0);
    expect(left(`SELECT count(*) FROM draft_evidence WHERE ticket_id IN (${ids})`)).toBe(0);
    expect(left(`SELECT count(*) FROM topic_tickets WHERE ticket_id IN (${ids})`)).toBe(0);
    // the sign bits of every whole text left, and of nothing else (a question's sentences are not searched)
    for (const v of db.prepare('SELECT vec_table FROM vector_models').pluck().all() as string[]) {
      expect(db.prepare(`SELECT count(*) FROM ${v}`).pluck().get()).toBe(
        db
          .prepare(`SELECT count(*) FROM embeddings WHERE model = (SELECT model FROM vector_models WHERE vec_table = ?) AND ${WHOLE_TEXTS}`)
          .pluck()
          .get(v),
      );
    }
    expect(db.prepare('SELECT count(*) FROM tickets').pluck().get()).toBe(preview.remaining);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // the approved articles stand, and still show what they rest on, anonymized
    expect((await handle.call('articles.list', {})).map((a) => a.id)).toEqual(articlesBefore.map((a) => a.id));
    const archived = (await Promise.all(cards.map((c) => handle.call('drafts.get', { id: c.id })))).flatMap((d) =>
      d.evidence.filter((e) => e.archived),
    );
    expect(archived).toHaveLength(preview.keptEvidence);
    for (const e of archived) {
      expect(e.ticketId).toBeLessThan(0);
      for (const p of pii)
        expect(`${e.question} ${e.botAttempt ?? ''} ${e.humanReply ?? ''}`.includes(p), `archived evidence keeps "${p}"`).toBe(false);
    }
  }, 120_000);

  it('from the command line: a preview, then the deletion only with --yes', async () => {
    const dataDir = tempDir();
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), stdin: async () => [] };
    const run = (...args: string[]) => main([...args, '--data-dir', dataDir], io);
    expect(await run('workspace', 'create', 'Old')).toBe(0);
    const path = join(tempDir(), 'demo.jsonl');
    await writeDemoFile(path, { weeks: 4, perWeek: 40, seed: 2 });
    expect(await run('import', path)).toBe(0);
    out.length = 0;
    expect(await run('retention', '--older-than', '14')).toBe(0);
    expect(out.join('\n')).toMatch(/^Tickets created before \d{4}-\d\d-\d\d: \d+ of \d+ would be deleted/);
    expect(out.join('\n')).toContain('Run again with --yes to delete them.');
    out.length = 0;
    expect(await run('retention', '--older-than', '14', '--yes')).toBe(0);
    expect(out.join('\n')).toMatch(/^Deleted \d+ tickets created before/);
  });
});
