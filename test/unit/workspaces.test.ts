import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../src/main/core/db/migrate';
import { slugify } from '../../src/main/core/workspace/workspaces';
import { tempDir, testEngine } from '../helpers/temp';

describe('workspaces', () => {
  it('creates, lists and switches workspaces, one SQLite file each', async () => {
    const { call, workspaces } = testEngine();
    expect(await call('workspace.list', {})).toEqual([]);
    const acme = await call('workspace.create', { name: 'Acme Support' });
    expect(acme).toMatchObject({ id: 'acme-support', name: 'Acme Support', active: true });
    const beta = await call('workspace.create', { name: 'Beta', use: false });
    expect(beta.active).toBe(false);
    expect((await call('workspace.list', {})).map((w) => [w.id, w.active])).toEqual([
      ['acme-support', true],
      ['beta', false],
    ]);
    await call('workspace.use', { id: 'beta' });
    expect((await call('workspace.status', {})).workspace.name).toBe('Beta');
    expect(workspaces.ids()).toEqual(['acme-support', 'beta']);
  });

  it('remembers the active workspace across restarts', async () => {
    const dataDir = tempDir();
    const first = testEngine(dataDir);
    await first.call('workspace.create', { name: 'One' });
    await first.call('workspace.create', { name: 'Two' });
    await first.call('workspace.use', { id: 'one' });
    await first.close();
    const second = testEngine(dataDir);
    expect((await second.call('workspace.status', {})).workspace.id).toBe('one');
  });

  it('refuses a duplicate name and an unknown id with clear codes', async () => {
    const { engine, call } = testEngine();
    await call('workspace.create', { name: 'Acme' });
    const duplicate = await engine.dispatch('workspace.create', { name: ' acme ' });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const missing = await engine.dispatch('workspace.use', { id: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const status = await testEngine().engine.dispatch('workspace.status', {});
    expect(status).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('lists a workspace from a newer version with its problem and refuses to switch to it', async () => {
    const { call, engine, workspaces } = testEngine();
    await call('workspace.create', { name: 'Current' });
    const future = new Database(workspaces.fileFor('future'));
    future.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    future.close();
    const listed = (await call('workspace.list', {})).find((w) => w.id === 'future');
    expect(listed?.problem).toMatch(/newer version/);
    const refused = await engine.dispatch('workspace.use', { id: 'future' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // the open workspace is still the one in use
    expect((await call('workspace.status', {})).workspace.id).toBe('current');
  });

  it('emits workspace.changed when the workspace switches', async () => {
    const { call, engine } = testEngine();
    const seen: (string | undefined)[] = [];
    engine.on((event, payload) => {
      if (event === 'workspace.changed') seen.push((payload as { current: { id: string } | null }).current?.id);
    });
    await call('workspace.create', { name: 'A' });
    await call('workspace.create', { name: 'B' });
    await call('workspace.use', { id: 'a' });
    expect(seen).toEqual(['a', 'b', 'a']);
  });

  it('makes ids from names: lower case, dashes, accents dropped, unique', () => {
    expect(slugify('Équipe Support — EU', new Set())).toBe('equipe-support-eu');
    expect(slugify('Acme', new Set(['acme', 'acme-2']))).toBe('acme-3');
    expect(slugify('!!!', new Set())).toBe('workspace');
  });
});
