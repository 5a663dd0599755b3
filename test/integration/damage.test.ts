import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingPath } from '../../src/main/core/db/native';
import { createEngine } from '../../src/main/core';
import { cli, ticketsFile } from '../helpers/cli';
import { overwritePages, pagesOf } from '../helpers/damage';
import { onCleanup, tempDir, waitFor } from '../helpers/temp';

const workspaceFile = (dataDir: string) => join(dataDir, 'workspaces', 'support.tideline.db');

describe('a damaged workspace', () => {
  it('is found where it shows, said in plain words, never written to again, and the backup is offered', async () => {
    const dataDir = tempDir();
    const dir = tempDir();
    const { run, text, json } = cli(dataDir);
    expect(await run('workspace', 'create', 'Support')).toBe(0);
    expect(await run('import', ticketsFile(dir, 300))).toBe(0);
    // the next command finds a workspace with tickets and no backup today: it takes one
    expect(await run('status')).toBe(0);
    expect(await run('workspace', 'backups')).toBe(0);
    expect(text()).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC +[\d.]+ MB +daily +.*support[/\\]\d{8}T\d{6}Z-daily\.tideline\.db/);

    const file = workspaceFile(dataDir);
    overwritePages(file, pagesOf(file, 'messages').slice(2, 40));
    const damaged = readFileSync(file);

    // a search reads the damaged pages: the lead reads what happened and what to do, not a stack
    expect(await run('search', 'parcel depot')).toBe(1);
    expect(text()).toMatch(/^Error: The workspace file is damaged\. Restore the latest backup/m);
    expect(text()).not.toMatch(/SqliteError|at .*\.ts:\d+/);

    // from then on every command says so first; nothing more is written
    expect(await run('import', ticketsFile(dir, 50, 1000))).toBe(1);
    expect(text()).toMatch(/Warning: the workspace file is damaged \(found .* UTC\): nothing will be written to it/);
    expect(text()).toMatch(
      /Its latest backup is from .* UTC: restore it as a new workspace in Settings → Data, or with tideline workspace restore ".*daily\.tideline\.db"/,
    );
    expect(text()).toMatch(/Error: The workspace file is damaged/);
    expect(readFileSync(file).equals(damaged), 'the damaged file was left as it was').toBe(true);

    expect(await run('status')).toBe(0);
    expect(text()).toMatch(/Damaged: +found/);
    expect(await run('workspace', 'list')).toBe(0);
    expect(text()).toMatch(/support +Support +\(damaged: read-only/);

    expect(await run('workspace', 'check')).toBe(1);
    expect(text()).toMatch(/The workspace file is damaged\..*\(SQLite: .+\)/s);

    // the backup restores as a new workspace holding every ticket
    expect(await run('workspace', 'backups', '--json')).toBe(0);
    const backup = json() as { backups: { path: string }[] };
    expect(await run('workspace', 'restore', backup.backups[0]!.path, '--name', 'Support (restored)')).toBe(0);
    expect(await run('status', '--json')).toBe(0);
    expect((json() as { status: unknown }).status).toMatchObject({ damage: null, counts: { tickets: 300 } });
  });

  it('with a third of its pages overwritten, no command writes to it or prints a stack', async () => {
    const dataDir = tempDir();
    const dir = tempDir();
    const { run, text } = cli(dataDir);
    expect(await run('workspace', 'create', 'Support')).toBe(0);
    expect(await run('import', ticketsFile(dir, 300))).toBe(0);
    const file = workspaceFile(dataDir);
    const db = new Database(file, { readonly: true, nativeBinding: nativeBindingPath() });
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    db.close();
    // every third page from the second on: the schema, the lead's work and the tickets all take hits
    const pages = Array.from({ length: pageCount }, (_, i) => i + 1).filter((p) => p > 1 && p % 3 === 2);
    overwritePages(file, pages);
    const damaged = readFileSync(file);

    for (const args of [['status'], ['drafts', 'list'], ['metrics'], ['search', 'parcel'], ['import', ticketsFile(dir, 20, 2000)]]) {
      const code = await run(...args);
      expect(text(), args.join(' ')).toMatch(/damaged/i);
      expect(text(), args.join(' ')).not.toMatch(/SqliteError|\n\s+at /);
      if (args[0] === 'import') expect(code).toBe(1);
    }
    expect(readFileSync(file).equals(damaged), 'nothing was written to the damaged file').toBe(true);
  });

  it('in the app: the background check finds it, the status says so and jobs are refused', async () => {
    const dataDir = tempDir();
    const dir = tempDir();
    const { run } = cli(dataDir);
    expect(await run('workspace', 'create', 'Support')).toBe(0);
    expect(await run('import', ticketsFile(dir, 200))).toBe(0);
    const file = workspaceFile(dataDir);
    overwritePages(file, pagesOf(file, 'tickets').slice(1, 6));

    const handle = createEngine({ dataDir, host: 'browser' });
    onCleanup(() => handle.close());
    const changed: unknown[] = [];
    handle.engine.on((event, payload) => event === 'workspace.changed' && changed.push(payload));
    const status = await waitFor(
      async () => {
        const envelope = await handle.engine.dispatch('workspace.status', {});
        return envelope.ok && (envelope.result as { damage: unknown }).damage ? envelope.result : undefined;
      },
      30_000,
      'the background check',
    );
    expect(status).toMatchObject({ damage: { detail: expect.any(String) }, lastCheck: { ok: false } });
    expect(changed.length).toBeGreaterThan(0);
    const refused = await handle.engine.dispatch('import.start', { path: ticketsFile(dir, 5, 500) });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/^The workspace file is damaged/) },
    });
    const write = await handle.engine.dispatch('learning.configure', { auto: false });
    expect(write).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The workspace file is damaged/) } });
    expect(existsSync(`${file}.damaged`)).toBe(true);
  });
});
