import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import * as sqliteVec from 'sqlite-vec';
import { AppError } from '../../../shared/api/errors';
import { questionLine } from '../text/clean';
import { answeringReply, askedQuestion, threadOfJson } from '../tickets/conversation-parts';
import { latestSchemaVersion, migrate } from './migrate';
import { nativeBindingPath } from './native';
import { now } from '../clock';

export type DB = Database.Database;

export interface OpenOptions {
  /** Create the file when it does not exist (otherwise NOT_FOUND). */
  create?: boolean;
  /** Apply pending migrations (the engine does; worker threads open an already migrated file). */
  migrate?: boolean;
  /** Called with the open connection before migrations change an existing workspace (to back it up). */
  beforeMigrate?: (db: DB, fromVersion: number) => void;
}

/**
 * Opens a workspace database: refuses a file written by a newer Tideline without touching
 * it, then WAL, foreign keys, sqlite-vec (verified) and migrations.
 */
export function openDatabase(file: string, options: OpenOptions = {}): DB {
  const exists = existsSync(file);
  if (!exists && !options.create) throw new AppError('NOT_FOUND', `No workspace database at ${file}.`);
  if (exists) assertReadableVersion(file);

  const db = new Database(file, { nativeBinding: nativeBindingPath() });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -32000'); // 32 MB of page cache per connection
    loadVectorExtension(db);
    // which of the customer's messages is the question, which of the team's the answer (tickets/sql.ts)
    db.function('asked_question', { deterministic: true }, (thread: unknown) =>
      typeof thread === 'string' ? askedQuestion(threadOfJson(thread)) : null,
    );
    db.function('answering_reply', { deterministic: true, varargs: true }, (thread: unknown, from: unknown = '') =>
      typeof thread === 'string' && typeof from === 'string' ? answeringReply(threadOfJson(thread), from) : null,
    );
    db.function('question_line', { deterministic: true }, (question: unknown) =>
      typeof question === 'string' ? questionLine(question) : null,
    );
    if (options.migrate !== false) {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (exists && version > 0 && version < latestSchemaVersion()) options.beforeMigrate?.(db, version);
      migrate(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Reads user_version through a read-only connection so a refused file stays byte-identical. */
function assertReadableVersion(file: string): void {
  let version: number;
  let probe: DB | undefined;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingPath() });
    version = probe.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('UNAVAILABLE', `${file} could not be read as a Tideline workspace (${detail}).`);
  } finally {
    probe?.close();
  }
  const problem = newerSchemaProblem(version);
  if (problem) throw new AppError('CONFLICT', problem);
}

/** The message for a file written by a newer Tideline, or null when this version can open it. */
export function newerSchemaProblem(version: number): string | null {
  const latest = latestSchemaVersion();
  if (version <= latest) return null;
  return (
    `This workspace was saved by a newer version of Tideline (schema ${version}; this version knows up to ${latest}). ` +
    'Update Tideline to open it. The file was left untouched.'
  );
}

/** Loads sqlite-vec and checks it answers; returns its version. */
export function loadVectorExtension(db: DB): string {
  try {
    sqliteVec.load(db);
    return vecVersion(db);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('UNAVAILABLE', `The vector search extension (sqlite-vec) could not be loaded: ${detail}`);
  }
}

export function vecVersion(db: DB): string {
  return (db.prepare('select vec_version() as v').get() as { v: string }).v;
}

export function nowIso(): string {
  return now().toISOString();
}
