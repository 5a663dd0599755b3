import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { inTransaction } from './transaction';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Migrations are numbered .sql files beside this module (copied next to the bundle
 * by the build). Forward only: a number is never reused or edited once released.
 */
export function migrationsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'migrations');
}

let cached: Migration[] | undefined;

export function loadMigrations(dir = migrationsDir()): Migration[] {
  if (dir === migrationsDir() && cached) return cached;
  const migrations = readdirSync(dir)
    .map((file) => /^(\d+)_([\w-]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, m[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration numbers must run 1, 2, 3…; found ${m.version} at position ${i + 1}`);
  });
  if (dir === migrationsDir()) cached = migrations;
  return migrations;
}

export function latestSchemaVersion(): number {
  return loadMigrations().length;
}

/** Applies every migration above the database's user_version, each in its own transaction. */
export function migrate(db: Database.Database, migrations = loadMigrations()): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    inTransaction(db, () => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    });
  }
  return db.pragma('user_version', { simple: true }) as number;
}
