import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/host/cli';
import { startMockHelpCenter } from '../helpers/help-centers';
import { ExportRetries } from '../../src/main/core/export/schedule';
import { onCleanup, tempDir, testEngine, waitFor } from '../helpers/temp';

describe('tideline export', () => {
  it('imports a folder, exports it to Markdown (again: nothing), then to a mock Zendesk Guide through a worker job, printing the links', async () => {
    const dataDir = tempDir();
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), stdin: async () => [] };
    const run = (...args: string[]) => main([...args, '--data-dir', dataDir], io);
    expect(await run('workspace', 'create', 'Export')).toBe(0);

    const source = tempDir();
    writeFileSync(join(source, 'gift-cards.md'), '---\ntitle: Gift cards\ntags: [gifts]\n---\nGift cards never expire.\n');
    writeFileSync(join(source, 'returns.md'), '# Returns\n\nReturn within **30 days**.\n');
    expect(await run('articles', 'import', source)).toBe(0);
    expect(out.join('\n')).toContain('2 new, 0 updated, 0 unchanged.');

    const folder = join(tempDir(), 'kb');
    out.length = 0;
    expect(await run('export', '--target', 'markdown', '--out', folder, '--dry-run')).toBe(0);
    expect(out.join('\n')).toMatch(/1\s+create\s+Gift cards\s+\(new\)/);
    expect(await run('export', '--target', 'markdown', '--out', folder)).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['1-gift-cards.md', '2-returns.md']);
    expect(readFileSync(join(folder, '1-gift-cards.md'), 'utf8')).toContain('tags: ["gifts"]');
    out.length = 0;
    expect(await run('export', '--target', 'markdown', '--out', folder)).toBe(0);
    expect(out.join('\n')).toContain('every article is up to date there');

    const zendesk = await startMockHelpCenter('zendesk');
    onCleanup(() => zendesk.close());
    out.length = 0;
    expect(await run('export', 'add', '--target', 'zendesk', '--set', 'subdomain=acme', '--base-url', zendesk.url)).toBe(2);
    expect(out.join('\n')).toContain('set ZENDESK_API_TOKEN');
    process.env.ZENDESK_API_TOKEN = zendesk.secrets.apiToken;
    onCleanup(() => void delete process.env.ZENDESK_API_TOKEN);
    const sets = Object.entries(zendesk.fields).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
    expect(await run('export', 'add', '--target', 'zendesk', ...sets, '--base-url', zendesk.url)).toBe(0);
    out.length = 0;
    expect(await run('export', '--target', 'zendesk')).toBe(0);
    const printed = out.join('\n');
    expect(printed).toMatch(/1\s+done\s+Gift cards\n\s+https:\/\/acme\.zendesk\.com\/hc\/en-us\/articles\/\d+/);
    expect(zendesk.articles.size).toBe(2);
    expect([...zendesk.articles.values()].map((a) => a.body).sort()).toEqual([
      '<p>Gift cards never expire.</p>\n',
      '<p>Return within <strong>30 days</strong>.</p>\n',
    ]);

    out.length = 0;
    expect(await run('export', 'targets')).toBe(0);
    expect(out.join('\n')).toMatch(/Zendesk Guide\s+zendesk\s+2 exported {2}\(Publish goes here\)/);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toContain('export.2.apiToken');
  });
});

describe('the export queue while the app runs', () => {
  it('starts a target’s export when its retry time has come, not before, never beside a running one, and not once it is done', async () => {
    const engine = testEngine();
    await engine.call('workspace.create', { name: 'Queue' });
    const source = tempDir();
    writeFileSync(join(source, 'a.md'), '# Gift cards\n\nGift cards never expire.\n');
    await engine.call('articles.import', { folder: source });
    const target = await engine.call('exports.addTarget', { kind: 'markdown', name: 'Folder', fields: { folder: join(tempDir(), 'kb') } });
    expect(target.isDefault).toBe(true);
    const db = engine.workspaces.requireCurrent().db;
    db.prepare(`INSERT INTO exports (article_id, target_id, status, next_attempt_at, updated_at) VALUES (1, ?, 'pending', ?, ?)`).run(
      target.id,
      '2026-11-21T10:05:00.000Z',
      '2026-11-21T10:00:00.000Z',
    );
    const started: number[] = [];
    const retries = new ExportRetries(engine.workspaces, (id) => {
      started.push(id);
      void engine.call('exports.run', { targetId: id, articleIds: [1] });
      return { id: 0 } as never;
    });
    onCleanup(() => retries.stop());
    expect(retries.tick('2026-11-21T10:04:59.000Z')).toEqual([]);
    // an export of that target already under way: nothing doubles it
    const running = db
      .prepare(`INSERT INTO jobs (kind, status, params, created_at) VALUES ('export.run', 'running', ?, ?)`)
      .run(JSON.stringify({ targetId: target.id }), '2026-11-21T10:00:00.000Z').lastInsertRowid;
    expect(retries.tick('2026-11-21T10:05:00.000Z')).toEqual([]);
    db.prepare(`UPDATE jobs SET status = 'done' WHERE id = ?`).run(running);
    expect(retries.tick('2026-11-21T10:05:00.000Z')).toEqual([target.id]);
    await waitFor(() => (db.prepare(`SELECT status FROM exports WHERE article_id = 1`).pluck().get() === 'done' ? true : undefined));
    expect(started).toEqual([target.id]);
    // done: nothing left to retry
    expect(retries.tick('2026-11-21T11:00:00.000Z')).toEqual([]);

    // a card that is not approved cannot be published
    await expect(engine.call('drafts.publish', { ids: [99] })).rejects.toThrow(/no draft 99/);
  });
});
