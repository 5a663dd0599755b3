import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { DB } from '../db/open';
import { nativeBindingPath } from '../db/native';
import { newerSchemaProblem } from '../db/open';

export interface BackupResult {
  path: string;
  bytes: number;
}

/** Opens a workspace file read-only and checks it: SQLite's integrity check, and a schema this version can read. */
export function checkWorkspaceFile(path: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingPath() });
    const problem = newerSchemaProblem(db.pragma('user_version', { simple: true }) as number);
    if (problem) throw new AppError('CONFLICT', problem);
    const result = db.pragma('integrity_check', { simple: true }) as string;
    if (result !== 'ok') throw new AppError('VALIDATION', `${path} is damaged: ${result}`);
    if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'`).get())
      throw new AppError('VALIDATION', `${path} is not a Tideline workspace.`);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'VALIDATION',
      `${path} could not be read as a Tideline workspace (${error instanceof Error ? error.message : String(error)}).`,
    );
  } finally {
    db?.close();
  }
}

/**
 * A consistent copy of a workspace while the app runs: SQLite's online backup copies the
 * database as of one moment even while a sync or an import writes, into a temporary file that
 * is checked before it takes the chosen name.
 */
export async function backupWorkspace(db: DB, target: string): Promise<BackupResult> {
  const path = resolve(target);
  if (path === resolve(db.name)) throw new AppError('VALIDATION', 'Choose another file than the workspace itself.');
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`; // two processes may back up the same workspace at once
  rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    checkWorkspaceFile(partial);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError(
      'UNAVAILABLE',
      `The backup could not be written to ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { path, bytes: statSync(path).size };
}

/** Copies a checked backup file to `destination` (a new workspace file); never overwrites one. */
export function copyBackup(source: string, destination: string): void {
  const from = resolve(source);
  if (!existsSync(from)) throw new AppError('NOT_FOUND', `There is no file at ${from}.`);
  checkWorkspaceFile(from);
  if (existsSync(destination)) throw new AppError('CONFLICT', `${destination} exists already.`);
  copyFileSync(from, destination);
}
