import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { WorkspaceDamage } from '../../../shared/domain/workspace';
import { DAMAGED, storageFailure } from '../db/failures';
import { nativeBindingPath } from '../db/native';
import { nowIso, type DB } from '../db/open';

/**
 * The tables that hold the lead's own work, which no sync can bring back. Checking them takes
 * well under a millisecond at 100,000 tickets, so every open does; the whole file (2–3 s warm
 * at 100,000 tickets, far longer from a cold disk) is checked in the background instead.
 */
const OWN_WORK_TABLES = [
  'settings',
  'sources',
  'sync_cursors',
  'jobs',
  'topics',
  'drafts',
  'draft_evidence',
  'review_events',
  'articles',
  'article_versions',
  'archived_evidence',
  'export_targets',
  'exports',
];

/** Beside the workspace file, so every process that opens it (the app, the CLI) knows at once. */
const markerOf = (file: string) => `${file}.damaged`;

export function readDamage(file: string): WorkspaceDamage | null {
  if (!existsSync(markerOf(file))) return null;
  try {
    return JSON.parse(readFileSync(markerOf(file), 'utf8')) as WorkspaceDamage;
  } catch {
    return { detectedAt: '', detail: 'A damage report was left beside this workspace file.' };
  }
}

export function recordDamage(file: string, detail: string): WorkspaceDamage {
  const damage = { detectedAt: nowIso(), detail };
  try {
    writeFileSync(markerOf(file), JSON.stringify(damage));
  } catch {
    // a full disk or a read-only folder: this process still knows, and the next check finds it again
  }
  return damage;
}

export function clearDamage(file: string): void {
  rmSync(markerOf(file), { force: true });
}

/** SQLite's verdict on rows of `quick_check`/`integrity_check`: null when "ok". */
function verdict(rows: unknown[]): string | null {
  const lines = rows.map(String);
  return lines.length === 1 && lines[0] === 'ok' ? null : lines.slice(0, 5).join('; ');
}

/** The quick check of the lead's own work, for every open; the problem found, or null. */
export function checkOwnWork(db: DB): string | null {
  const present = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
  try {
    for (const table of OWN_WORK_TABLES) {
      if (!present.has(table)) continue;
      const rows = db.pragma(`quick_check("${table}")`) as Record<string, unknown>[];
      const problem = verdict(rows.map((r) => Object.values(r)[0]));
      if (problem) return problem;
    }
    return null;
  } catch (error) {
    if (storageFailure(error) === DAMAGED) return error instanceof Error ? error.message : String(error);
    throw error;
  }
}

export type FullCheck = { ok: true } | { ok: false; damage: string } | { ok: false; error: string };

// a worker of its own, so the check of a large file never holds up the app
const CHECK_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  parentPort.postMessage({ rows: db.pragma('integrity_check(20)', { simple: false }).map((r) => Object.values(r)[0]) });
} catch (e) {
  parentPort.postMessage({ error: e && e.message ? e.message : String(e), code: e && e.code });
} finally {
  if (db) db.close();
}`;

/** SQLite's full integrity check of a workspace file on a read-only connection in a worker thread. */
export function checkWholeFile(file: string): Promise<FullCheck> {
  const worker = new Worker(CHECK_SOURCE, {
    eval: true,
    workerData: { file, module: createRequire(import.meta.url).resolve('better-sqlite3'), nativeBinding: nativeBindingPath() },
  });
  return new Promise((resolve) => {
    worker.once('message', (m: { rows?: unknown[]; error?: string; code?: string }) => {
      if (m.rows) {
        const problem = verdict(m.rows);
        resolve(problem ? { ok: false, damage: problem } : { ok: true });
      } else if (storageFailure(Object.assign(new Error(m.error), { code: m.code })) === DAMAGED) {
        resolve({ ok: false, damage: m.error ?? 'unreadable' });
      } else {
        resolve({ ok: false, error: m.error ?? 'unknown error' });
      }
    });
    worker.once('error', (error) => resolve({ ok: false, error: error.message }));
  });
}
