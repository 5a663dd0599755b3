import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupList } from '../../src/shared/domain/workspace';
import { latestSchemaVersion, loadMigrations, migrate } from '../../src/main/core/db/migrate';
import { nativeBindingPath } from '../../src/main/core/db/native';
import { cli, ticketsFile } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const open = (file: string) => new Database(file, { readonly: true, nativeBinding: nativeBindingPath() });
const countTickets = (file: string) => {
  const db = open(file);
  try {
    return db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('automatic backups', () => {
  it('one a day once a workspace holds tickets, the last 7 kept, one before retention deletes, in the folder the lead picks', async () => {
    const dataDir = tempDir();
    const { run, text, json } = cli(dataDir);
    const backups = async () => {
      expect(await run('workspace', 'backups', '--json')).toBe(0);
      return json() as BackupList;
    };
    expect(await run('workspace', 'create', 'Support')).toBe(0);
    expect((await backups()).backups, 'an empty workspace has nothing to lose').toEqual([]);
    expect(await run('import', ticketsFile(tempDir(), 120))).toBe(0);
    expect(await run('status')).toBe(0);
    const first = await backups();
    expect(first.folder).toBe(join(dataDir, 'backups'));
    expect(first.backups).toHaveLength(1);
    expect(first.backups[0]).toMatchObject({ reason: 'daily', workspaceId: 'support' });
    const daily = first.backups[0]!;
    expect(open(daily.path).pragma('integrity_check', { simple: true })).toBe('ok');
    expect(countTickets(daily.path)).toBe(120);
    expect(await run('status')).toBe(0);
    expect((await backups()).backups, 'not due again the same day').toHaveLength(1);

    // eight older daily backups (a week and more of use): the next one keeps the newest seven
    const dir = join(dataDir, 'backups', 'support');
    const older = Array.from({ length: 8 }, (_, i) => join(dir, `202611${String(20 + i).padStart(2, '0')}T080000Z-daily.tideline.db`));
    for (const file of older) copyFileSync(daily.path, file);
    rmSync(daily.path);
    expect(await run('status')).toBe(0);
    const rolled = (await backups()).backups.filter((b) => b.reason === 'daily');
    expect(rolled).toHaveLength(7);
    expect(rolled[0]!.takenAt.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    expect(existsSync(older[0]!) || existsSync(older[1]!), 'the two oldest were deleted').toBe(false);

    // retention deletes for good: a backup first, holding what it deletes
    expect(await run('retention', '--older-than', '1', '--yes')).toBe(0);
    expect(text()).toMatch(/Deleted 120 tickets/);
    const before = (await backups()).backups.find((b) => b.reason === 'before-retention');
    expect(before).toBeDefined();
    expect(countTickets(before!.path)).toBe(120);

    // another folder, chosen once, takes the next ones
    const elsewhere = tempDir();
    expect(await run('workspace', 'backups', '--folder', elsewhere)).toBe(0);
    expect(text()).toContain(`Automatic backups go to ${elsewhere} (your choice).`);
    expect(await run('retention', '--older-than', '1', '--yes')).toBe(0);
    expect(readdirSync(join(elsewhere, 'support')).filter((f) => f.endsWith('-before-retention.tideline.db'))).toHaveLength(1);
  });

  it('one before a migration changes an older workspace file', async () => {
    const dataDir = tempDir();
    const dir = join(dataDir, 'workspaces');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'old.tideline.db');
    const older = new Database(file, { nativeBinding: nativeBindingPath() });
    migrate(older, loadMigrations().slice(0, latestSchemaVersion() - 1));
    older.prepare(`INSERT INTO settings (key, value) VALUES ('workspace.name', '"Old"')`).run();
    older.close();

    const { run, json } = cli(dataDir);
    expect(await run('workspace', 'use', 'old')).toBe(0);
    expect(await run('workspace', 'backups', '--json')).toBe(0);
    const [backup] = (json() as BackupList).backups;
    expect(backup).toMatchObject({ reason: 'before-migration', workspaceId: 'old' });
    const copy = open(backup!.path);
    expect(copy.pragma('user_version', { simple: true })).toBe(latestSchemaVersion() - 1);
    copy.close();
    expect(open(file).pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
  });

  it('a workspace file found empty is not silently recreated: the command says so and offers the latest backup', async () => {
    const dataDir = tempDir();
    const { run, text } = cli(dataDir);
    expect(await run('workspace', 'create', 'Support')).toBe(0);
    expect(await run('import', ticketsFile(tempDir(), 40))).toBe(0);
    expect(await run('status')).toBe(0); // takes today's backup
    const file = join(dataDir, 'workspaces', 'support.tideline.db');
    truncateSync(file, 0);

    expect(await run('status')).toBe(1);
    expect(text()).toMatch(
      /The file of workspace "support" is empty \(0 bytes\): its contents are gone\. Its latest backup is from .* UTC: restore it as a new workspace in Settings → Data, or with tideline workspace restore ".*-daily\.tideline\.db"/,
    );
    expect(statSync(file).size, 'left as it was').toBe(0);
    expect(await run('workspace', 'list')).toBe(0);
    expect(text()).toMatch(/support +support +\(cannot open: The workspace file is empty \(0 bytes\)\.\)/);
    expect(await run('workspace', 'backups', '--workspace', 'support')).toBe(0);
    expect(text()).toMatch(/daily/);
  });
});
