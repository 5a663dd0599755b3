import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../src/main/core/db/migrate';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash, ticketTexts } from '../../src/main/core/embed/job';
import { setSetting } from '../../src/main/core/system/settings';
import { slugify } from '../../src/main/core/workspace/workspaces';
import { cli, ticketsFile } from '../helpers/cli';
import { runToEnd, tempDir, testEngine, waitFor } from '../helpers/temp';

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

  it('reads the tickets an older version stored again on opening, and indexes what they now ask and answer', async () => {
    const dataDir = tempDir();
    const first = testEngine(dataDir);
    await first.call('workspace.create', { name: 'Acme' });
    await first.call('learning.configure', { auto: false });
    await first.call('embedding.configure', { provider: 'builtin' });
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();
    const file = join(tempDir(), 'merged.jsonl');
    const note = 'Request #4820 "Refund" was closed and merged into this request. Last comment in request #4820: Where is my refund?';
    const answer = 'Refunds reach your card within 5 working days of the return arriving.';
    writeFileSync(
      file,
      JSON.stringify({
        id: 'T-1',
        status: 'solved',
        created_at: at(0),
        messages: [
          { id: 'q', role: 'customer', created_at: at(0), body: 'Where is my refund? I sent the parcel back last week.' },
          { id: 'n', role: 'agent', created_at: at(30), body: note },
          { id: 'a', role: 'agent', created_at: at(40), body: answer },
        ],
      }),
    );
    expect((await runToEnd(first, () => first.call('import.start', { path: file }))).status).toBe('done');
    const indexed = (db: Database.Database) =>
      db.prepare(`SELECT content_hash FROM embeddings WHERE kind = 'reply' AND ref_id = 1`).pluck().get() as string | undefined;
    await waitFor(() => indexed(first.workspaces.requireCurrent().db), 15_000, 'the index');
    // as a version that took the merge note for the person's reply stored it, and indexed it
    const db = first.workspaces.requireCurrent().db;
    db.prepare(`UPDATE messages SET role = 'agent' WHERE external_id = 'n'`).run();
    const misread = ticketTexts(db, { ids: [1] })[0]!.reply!;
    expect(misread).toContain('merged into this request');
    db.prepare(`UPDATE embeddings SET content_hash = ? WHERE kind = 'reply' AND ref_id = 1`).run(contentHash(misread));
    setSetting(db, 'tickets.derivation', 'an older one');
    await first.close();

    const second = testEngine(dataDir);
    const reopened = second.workspaces.requireCurrent().db;
    expect(reopened.prepare(`SELECT role FROM messages WHERE external_id = 'n'`).pluck().get()).toBe('system');
    // the app says so on opening
    expect((await second.call('workspace.status', {})).rederived).toBe(1);
    const reply = ticketTexts(reopened, { ids: [1] })[0]!.reply!;
    expect(reply).toContain('5 working days');
    await waitFor(() => (indexed(reopened) === contentHash(reply) ? true : undefined), 15_000, 'the answer indexed');
  });

  it('says on the command line, once, that tickets were read again on opening', async () => {
    const dataDir = tempDir();
    const { run, text } = cli(dataDir);
    expect(await run('import', ticketsFile(tempDir(), 3))).toBe(0);
    const db = new Database(join(dataDir, 'workspaces', 'my-workspace.tideline.db'));
    // as an older version that took two customers' messages for the team's stored them
    db.prepare(`UPDATE messages SET role = 'agent' WHERE role = 'customer' AND ticket_id IN (1, 2)`).run();
    db.prepare(`UPDATE settings SET value = '"an older one"' WHERE key = 'tickets.derivation'`).run();
    db.close();
    expect(await run('status')).toBe(0);
    expect(text()).toContain('This version reads tickets more accurately: 2 tickets were updated');
    expect(await run('status')).toBe(0);
    expect(text()).not.toContain('reads tickets more accurately');
  });
});
