import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { nativeBindingPath } from '../../src/main/core/db/native';
import { main } from '../../src/main/host/cli';
import { startMockHelpdesk } from '../helpers/helpdesks/server';
import { World } from '../helpers/helpdesks/world';
import { onCleanup, tempDir, testEngine, waitFor } from '../helpers/temp';

describe('backup and restore', () => {
  it('backs up while a sync job writes; the restored workspace opens, passes the integrity check and holds whole tickets', async () => {
    const world = World.demo({ weeks: 6, perWeek: 120, seed: 8 });
    const mock = await startMockHelpdesk('zendesk', world, { latencyMs: 15 });
    onCleanup(() => mock.close());
    const engine = testEngine();
    await engine.call('workspace.create', { name: 'Support' });
    await engine.call('learning.configure', { auto: false });
    const source = await engine.call('sources.add', {
      kind: 'zendesk',
      name: 'Zendesk',
      fields: mock.credentials.fields,
      secrets: mock.credentials.secrets,
      baseUrl: mock.url,
      historyDays: 400,
      syncNow: true,
    });
    const db = engine.workspaces.requireCurrent().db;
    // mid-sync: some tickets in, more to come
    await waitFor(() => ((db.prepare('SELECT count(*) FROM tickets').pluck().get() as number) > 50 ? true : undefined));
    const file = join(tempDir(), 'backups', 'support.tideline.db');
    const backup = await engine.call('workspace.backup', { path: file });
    expect(backup).toMatchObject({ path: file });
    expect(backup.bytes).toBeGreaterThan(0);
    const job = (await engine.call('sources.list', {})).find((s) => s.id === source.id)!.sync!.activeJobId;
    expect(job, 'the sync was still running when the backup was taken').not.toBeNull();

    const copy = new Database(file, { readonly: true, nativeBinding: nativeBindingPath() });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const tickets = copy.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
    expect(tickets).toBeGreaterThan(50);
    expect(tickets).toBeLessThan(world.tickets.length);
    // every ticket in the copy came with its messages: the copy is one moment, not half a page
    expect(
      copy.prepare('SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id)').pluck().get(),
    ).toBe(0);
    copy.close();

    const restored = await engine.call('workspace.restore', { path: file, name: 'Support (restored)', use: true });
    expect(restored).toMatchObject({ name: 'Support (restored)', active: true });
    const status = await engine.call('workspace.status', {});
    expect(status.counts.tickets).toBe(tickets);
    expect(engine.workspaces.requireCurrent().db.pragma('integrity_check', { simple: true })).toBe('ok');
    await expect(engine.call('workspace.restore', { path: file, name: 'Support' })).rejects.toThrow(
      /already exists: give the restored one another name/,
    );
    await expect(engine.call('workspace.restore', { path: join(tempDir(), 'nothing.db'), name: 'X' })).rejects.toThrow(/There is no file/);
    // the original workspace finishes its sync untouched
    await engine.call('workspace.use', { id: 'support' });
    await engine.call('sync.start', { sourceId: source.id });
    const original = engine.workspaces.requireCurrent().db;
    await waitFor(
      () => ((original.prepare('SELECT count(*) FROM tickets').pluck().get() as number) === world.tickets.length ? true : undefined),
      60_000,
    );
  });

  it('from the command line', async () => {
    const dataDir = tempDir();
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), stdin: async () => [] };
    const run = (...args: string[]) => main([...args, '--data-dir', dataDir], io);
    expect(await run('workspace', 'create', 'Acme')).toBe(0);
    const file = join(tempDir(), 'acme.tideline.db');
    expect(await run('workspace', 'backup', file)).toBe(0);
    expect(out.join('\n')).toMatch(/Backed up to .*acme\.tideline\.db \([\d.]+ MB\); it passed SQLite's integrity check\./);
    expect(await run('workspace', 'restore', file)).toBe(2);
    expect(await run('workspace', 'restore', file, '--name', 'Acme copy', '--no-use')).toBe(0);
    out.length = 0;
    expect(await run('workspace', 'list')).toBe(0);
    expect(out.join('\n')).toMatch(/Acme copy/);
  });
});

describe('deleting a workspace', () => {
  it('needs its name typed again, removes its file and leaves the app without a workspace', async () => {
    const engine = testEngine();
    await engine.call('workspace.create', { name: 'Keep' });
    const doomed = await engine.call('workspace.create', { name: 'Old team' });
    const file = engine.workspaces.requireCurrent().file;
    await expect(engine.call('workspace.delete', { id: doomed.id, name: 'old team' })).rejects.toThrow(
      /Type the workspace's name, "Old team", to delete it/,
    );
    expect(await engine.call('workspace.delete', { id: doomed.id, name: 'Old team' })).toEqual({ deleted: doomed.id });
    expect(existsSync(file)).toBe(false);
    expect((await engine.call('workspace.list', {})).map((w) => w.name)).toEqual(['Keep']);
    expect(engine.workspaces.current()).toBeNull();
    await expect(engine.call('workspace.status', {})).rejects.toThrow();
  });

  it('from the command line only with --yes', async () => {
    const dataDir = tempDir();
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), stdin: async () => [] };
    const run = (...args: string[]) => main([...args, '--data-dir', dataDir], io);
    expect(await run('workspace', 'create', 'Scratch')).toBe(0);
    expect(await run('workspace', 'delete', 'scratch')).toBe(2);
    expect(out.join('\n')).toContain('Back it up first');
    expect(await run('workspace', 'delete', 'scratch', '--yes')).toBe(0);
    expect(out.join('\n')).toContain('Deleted workspace "Scratch" (scratch).');
  });
});
