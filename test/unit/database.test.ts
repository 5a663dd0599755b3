import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion, loadMigrations, migrate } from '../../src/main/core/db/migrate';
import { nativeBindingPath } from '../../src/main/core/db/native';
import { openDatabase } from '../../src/main/core/db/open';
import { AppError } from '../../src/shared/api/errors';
import { tempDir } from '../helpers/temp';

const fingerprint = (file: string) => ({
  hash: createHash('sha256').update(readFileSync(file)).digest('hex'),
  mtime: statSync(file).mtimeMs,
});

describe('workspace database', () => {
  it('creates the whole loop schema with WAL, foreign keys and sqlite-vec', () => {
    const db = openDatabase(join(tempDir(), 'w.db'), { create: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
      for (const table of [
        'settings',
        'sources',
        'sync_cursors',
        'tickets',
        'messages',
        'corrections',
        'topics',
        'drafts',
        'draft_evidence',
        'articles',
        'article_versions',
        'review_events',
        'exports',
        'jobs',
      ]) {
        expect(tables).toContain(table);
      }
      // sqlite-vec answers and can build a vector table
      db.exec('CREATE VIRTUAL TABLE probe USING vec0(embedding float[3])');
      db.prepare('INSERT INTO probe (rowid, embedding) VALUES (1, ?)').run(new Float32Array([1, 0, 0]));
      const hit = db
        .prepare('SELECT rowid, distance FROM probe WHERE embedding MATCH ? ORDER BY distance LIMIT 1')
        .get(new Float32Array([1, 0, 0])) as { rowid: number; distance: number };
      expect(hit.rowid).toBe(1);
      expect(hit.distance).toBeCloseTo(0);
    } finally {
      db.close();
    }
  });

  it('enforces foreign keys and cascades ticket deletion to messages', () => {
    const db = openDatabase(join(tempDir(), 'w.db'), { create: true });
    try {
      const now = new Date().toISOString();
      expect(() =>
        db
          .prepare(`INSERT INTO messages (ticket_id, external_id, role, created_at, body) VALUES (999, 'm1', 'customer', ?, 'hi')`)
          .run(now),
      ).toThrow(/FOREIGN KEY/);
      db.prepare(`INSERT INTO sources (id, kind, name, created_at) VALUES (1, 'file', 'Import', ?)`).run(now);
      db.prepare(`INSERT INTO tickets (id, source_id, external_id, created_at, ingested_at) VALUES (1, 1, 'T-1', ?, ?)`).run(now, now);
      db.prepare(`INSERT INTO messages (ticket_id, external_id, role, created_at, body) VALUES (1, 'm1', 'bot', ?, 'hello')`).run(now);
      expect(() =>
        db.prepare(`INSERT INTO messages (ticket_id, external_id, role, created_at, body) VALUES (1, 'm2', 'robot', ?, 'x')`).run(now),
      ).toThrow(/CHECK/);
      db.prepare('DELETE FROM tickets WHERE id = 1').run();
      expect((db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
  });

  it('re-opening applies nothing twice', () => {
    const file = join(tempDir(), 'w.db');
    openDatabase(file, { create: true }).close();
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    again.close();
  });

  it('refuses a database from a newer Tideline with a clear message and leaves the file untouched', () => {
    const file = join(tempDir(), 'future.db');
    const future = new Database(file);
    future.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    future.pragma(`user_version = ${latestSchemaVersion() + 5}`);
    future.close();
    const before = fingerprint(file);

    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONFLICT');
    expect((error as AppError).message).toMatch(/newer version of Tideline/);
    expect((error as AppError).message).toContain(`schema ${latestSchemaVersion() + 5}`);
    expect(fingerprint(file)).toEqual(before);
    expect(() => statSync(`${file}-wal`)).toThrow(); // not even a WAL file appeared
  });

  it('refuses a file that is not a database without changing it', () => {
    const file = join(tempDir(), 'notes.db');
    writeFileSync(file, 'these are my notes, not a database'.repeat(50));
    const before = fingerprint(file);
    expect(() => openDatabase(file)).toThrow(/could not be read as a Tideline workspace/);
    expect(fingerprint(file)).toEqual(before);
  });

  it('upgrading an older workspace marks its tickets solved as new ones are: by status, or without one by a solved date or the team’s last word', () => {
    const file = join(tempDir(), 'old.db');
    const older = new Database(file, { nativeBinding: nativeBindingPath() });
    const solvedMigration = loadMigrations().find((m) => m.name === 'ticket_solved')!;
    migrate(older, loadMigrations().slice(0, solvedMigration.version - 1));
    const at = '2026-03-02T09:00:00Z';
    older.prepare(`INSERT INTO sources (id, kind, name, created_at) VALUES (1, 'file', 'old', ?)`).run(at);
    const tickets: [string, string | null, string | null, string[]][] = [
      ['closed', 'Closed', null, ['customer']],
      ['pending', 'pending', null, ['customer', 'agent']],
      ['dated', null, at, ['customer']],
      ['answered', null, null, ['customer', 'agent', 'system']],
      ['bot last', null, null, ['customer', 'bot']],
      ['waiting', null, null, ['customer', 'agent', 'customer']],
      ['noted', null, null, ['customer', 'note']],
    ];
    tickets.forEach(([id, status, solvedAt, roles], t) => {
      older
        .prepare(
          `INSERT INTO tickets (id, source_id, external_id, status, solved_at, created_at, ingested_at) VALUES (?, 1, ?, ?, ?, ?, ?)`,
        )
        .run(t + 1, id, status?.toLowerCase() ?? null, solvedAt, at, at);
      roles.forEach((role, i) =>
        older
          .prepare(`INSERT INTO messages (ticket_id, external_id, role, public, created_at, body) VALUES (?, ?, ?, ?, ?, 'text')`)
          .run(t + 1, `m${i}`, role === 'note' ? 'agent' : role, role === 'note' ? 0 : 1, `2026-03-02T09:0${i}:00Z`),
      );
    });
    older.close();

    const db = openDatabase(file);
    try {
      const solved = db.prepare('SELECT external_id FROM tickets WHERE solved = 1 ORDER BY id').pluck().all();
      expect(solved).toEqual(['closed', 'dated', 'answered', 'bot last']);
    } finally {
      db.close();
    }
  });

  it('reads migrations in order and rejects a gap in their numbers', () => {
    expect(loadMigrations().map((m) => m.version)).toEqual(Array.from({ length: latestSchemaVersion() }, (_, i) => i + 1));
    const dir = tempDir();
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'm', '001_first.sql'), 'CREATE TABLE a (x);');
    writeFileSync(join(dir, 'm', '003_third.sql'), 'CREATE TABLE c (x);');
    expect(() => loadMigrations(join(dir, 'm'))).toThrow(/migration numbers must run/);
  });
});
