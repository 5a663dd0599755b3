import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingPath } from '../../src/main/core/db/native';
import { cli, ticketsFile } from '../helpers/cli';
import { onCleanup, tempDir } from '../helpers/temp';

/** A small real file system for the data folder: a tmpfs, which only root on Linux may mount. */
function smallDisk(megabytes: number): { path: string; grow(megabytes: number): void } | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const path = join(tempDir(), 'disk');
  mkdirSync(path);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', path], { stdio: 'ignore' });
  } catch {
    return null; // a container without the right to mount
  }
  onCleanup(() => void execFileSync('umount', ['-l', path], { stdio: 'ignore' }));
  return { path, grow: (mb) => execFileSync('mount', ['-o', `remount,size=${mb}m`, path], { stdio: 'ignore' }) };
}

const canMount = smallDisk(1) !== null;

describe('a full disk', () => {
  it.skipIf(!canMount)(
    'stops an import with plain words and a failing exit status; what was committed stays whole, and it resumes',
    async () => {
      const disk = smallDisk(4)!;
      const dataDir = join(disk.path, 'data');
      const { run, text } = cli(dataDir);
      expect(await run('workspace', 'create', 'Support')).toBe(0);
      const file = ticketsFile(tempDir(), 3000);

      expect(await run('import', file)).toBe(1);
      expect(text()).toMatch(/The disk is full: free some space and run it again; nothing was lost/);
      expect(text()).not.toMatch(/SqliteError|\n\s+at /);

      const workspace = join(dataDir, 'workspaces', 'support.tideline.db');
      const db = new Database(workspace, { readonly: true, nativeBinding: nativeBindingPath() });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const kept = db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
      // whole batches only: every ticket kept has both its messages
      expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(kept * 2);
      expect(kept).toBeLessThan(3000);
      db.close();

      // space freed: the same command finishes the job, nothing doubled
      disk.grow(128);
      expect(await run('import', file)).toBe(0);
      const done = new Database(workspace, { readonly: true, nativeBinding: nativeBindingPath() });
      expect(done.prepare('SELECT count(*) FROM tickets').pluck().get()).toBe(3000);
      expect(done.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(6000);
      done.close();
    },
    120_000,
  );
});
