import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../../src/main/core/app';
import { nativeBindingPath } from '../../src/main/core/db/native';
import { DAMAGED, DISK_FULL, failureMessage, storageFailure } from '../../src/main/core/db/failures';
import { tempDir } from '../helpers/temp';

const open = (file: string) => new Database(file, { nativeBinding: nativeBindingPath() });
const thrown = (work: () => unknown): unknown => {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
};

describe('storage failures in plain words', () => {
  it('a full disk (SQLite refusing to grow the file) says so, and says nothing was lost', () => {
    const db = open(join(tempDir(), 'full.db'));
    db.exec('CREATE TABLE t (x TEXT)');
    db.pragma('max_page_count = 8'); // the file may not grow: SQLite answers as on a full disk
    const error = thrown(() =>
      db.transaction(() => {
        for (let i = 0; i < 1000; i++) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(1000));
      })(),
    );
    expect((error as { code: string }).code).toBe('SQLITE_FULL');
    expect(storageFailure(error)).toBe(DISK_FULL);
    expect(toApiError(error)).toEqual({ code: 'UNAVAILABLE', message: DISK_FULL });
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0); // rolled back whole
    // the message of one that crossed a thread
    expect(failureMessage(new Error('database or disk is full'))).toBe(DISK_FULL);
    db.close();
  });

  it('a damaged file says what to do, and other errors keep their own message', () => {
    const file = join(tempDir(), 'damaged.db');
    const db = open(file);
    db.exec('CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t(x)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) db.prepare('INSERT INTO t VALUES (?)').run(`row ${i} ${'y'.repeat(200)}`);
    })();
    db.close();
    const fd = openSync(file, 'r+');
    for (let page = 2; page < 40; page += 2) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page * 4096);
    closeSync(fd);
    const error = thrown(() => open(file).prepare("SELECT count(*) FROM t WHERE x > 'row'").get());
    expect(storageFailure(error)).toBe(DAMAGED);
    expect(toApiError(error).message).toMatch(/^The workspace file is damaged\. Restore the latest backup/);
    expect(failureMessage(new Error('the CSV header lacks the column body'))).toBe('the CSV header lacks the column body');
  });
});
