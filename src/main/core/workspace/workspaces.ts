import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { Workspace, WorkspaceDamage, WorkspaceStatus } from '../../../shared/domain/workspace';
import { DAMAGED, storageFailure } from '../db/failures';
import { nativeBindingPath } from '../db/native';
import { newerSchemaProblem, nowIso, openDatabase, type DB } from '../db/open';
import { rederiveTickets } from '../tickets/rederive';
import type { AppStateFile } from '../system/app-state';
import { inTransaction } from '../db/transaction';
import { AutomaticBackups } from './auto-backups';
import { copyBackup } from './backup';
import { checkOwnWork, checkWholeFile, clearDamage, readDamage, recordDamage, type FullCheck } from './damage';

const EXTENSION = '.tideline.db';

export interface OpenWorkspace {
  id: string;
  file: string;
  db: DB;
  /** Set once a check (or a failing read) found the file damaged: the connection is then read-only. */
  damage: WorkspaceDamage | null;
  lastCheck: WorkspaceStatus['lastCheck'];
  /** Tickets whose roles or flags this version derived differently on opening (`rederiveTickets`). */
  rederived: number;
}

/** Lower-case, dash-separated, unique among existing ids. */
export function slugify(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'workspace';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The workspaces in a data folder: one SQLite file each, under workspaces/. Their display
 * names live inside the files (the database is the truth); the active one is app state.
 */
export class Workspaces {
  readonly dir: string;
  private opened: OpenWorkspace | null = null;
  private readonly openListeners = new Set<(ws: OpenWorkspace) => void>();
  private readonly closeListeners = new Set<(ws: OpenWorkspace) => void>();
  private readonly damageListeners = new Set<(ws: OpenWorkspace) => void>();
  readonly backups: AutomaticBackups;

  constructor(
    dataDir: string,
    private readonly state: AppStateFile,
  ) {
    this.dir = join(dataDir, 'workspaces');
    this.backups = new AutomaticBackups(dataDir, state);
  }

  fileFor(id: string): string {
    return join(this.dir, `${id}${EXTENSION}`);
  }

  /** Called after a workspace opens (jobs recover there) and before one closes. */
  onOpen(listener: (ws: OpenWorkspace) => void): void {
    this.openListeners.add(listener);
  }
  onClose(listener: (ws: OpenWorkspace) => void): void {
    this.closeListeners.add(listener);
  }

  /** The workspace open in this process, without opening one. */
  get openNow(): OpenWorkspace | null {
    return this.opened;
  }

  /** Called when the open workspace is found damaged, or found sound again. */
  onDamage(listener: (ws: OpenWorkspace) => void): void {
    this.damageListeners.add(listener);
  }

  ids(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith(EXTENSION))
      .map((f) => f.slice(0, -EXTENSION.length))
      .sort();
  }

  list(): Workspace[] {
    const active = this.state.read().activeWorkspace;
    return this.ids()
      .map((id) => this.describe(id, active))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  create(name: string, use: boolean): Workspace {
    const trimmed = name.trim();
    if (this.list().some((w) => w.name.toLowerCase() === trimmed.toLowerCase())) {
      throw new AppError('CONFLICT', `A workspace called "${trimmed}" already exists.`);
    }
    mkdirSync(this.dir, { recursive: true });
    const id = slugify(trimmed, new Set(this.ids()));
    const db = openDatabase(this.fileFor(id), { create: true });
    try {
      const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      inTransaction(db, () => {
        put.run('workspace.name', JSON.stringify(trimmed));
        put.run('workspace.created_at', JSON.stringify(nowIso()));
      });
    } finally {
      db.close();
    }
    return use ? this.use(id) : this.describe(id, this.state.read().activeWorkspace);
  }

  /**
   * A new workspace from a backup file, under a name of its own (the backup's workspace may
   * still be here); the file is checked first and copied, never moved.
   */
  restore(file: string, name: string, use: boolean): Workspace {
    const trimmed = name.trim();
    if (this.list().some((w) => w.name.toLowerCase() === trimmed.toLowerCase())) {
      throw new AppError('CONFLICT', `A workspace called "${trimmed}" already exists: give the restored one another name.`);
    }
    mkdirSync(this.dir, { recursive: true });
    const id = slugify(trimmed, new Set(this.ids()));
    copyBackup(file, this.fileFor(id));
    const db = openDatabase(this.fileFor(id)); // migrates a backup made by an older version
    try {
      db.prepare(
        `INSERT INTO settings (key, value) VALUES ('workspace.name', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ).run(JSON.stringify(trimmed));
    } finally {
      db.close();
    }
    return use ? this.use(id) : this.describe(id, this.state.read().activeWorkspace);
  }

  /**
   * Deletes a workspace's file for good (with its WAL and shared-memory files). The open one is
   * closed first, its jobs with it; the app then has no workspace until the lead picks one.
   */
  delete(id: string): void {
    const file = this.fileFor(id);
    if (!existsSync(file)) throw new AppError('NOT_FOUND', `There is no workspace "${id}".`);
    if (this.opened?.id === id) this.closeCurrent();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    clearDamage(file);
    if (this.state.read().activeWorkspace === id) this.state.update({ activeWorkspace: null });
  }

  /** Switches to a workspace; `remember` false keeps the app's active workspace as it was (a CLI --workspace). */
  use(id: string, remember = true): Workspace {
    if (!existsSync(this.fileFor(id))) throw new AppError('NOT_FOUND', `There is no workspace "${id}".`);
    if (this.opened?.id !== id) {
      const next = this.openFile(id); // throws before anything changes if the file is unusable
      this.closeCurrent();
      this.opened = next;
      if (remember) this.state.update({ activeWorkspace: id });
      for (const listener of this.openListeners) listener(next);
    }
    return this.describe(id, remember ? id : this.state.read().activeWorkspace);
  }

  /** The active workspace, opened on first use; null when none was chosen yet. */
  current(): OpenWorkspace | null {
    if (this.opened) return this.opened;
    const active = this.state.read().activeWorkspace;
    if (!active || !existsSync(this.fileFor(active))) return null;
    this.opened = this.openFile(active);
    for (const listener of this.openListeners) listener(this.opened);
    return this.opened;
  }

  requireCurrent(): OpenWorkspace {
    const ws = this.current();
    if (!ws) throw new AppError('UNAVAILABLE', 'No workspace is open yet. Create one first (or try the demo workspace).');
    return ws;
  }

  currentWorkspace(): Workspace | null {
    const ws = this.current();
    return ws ? this.describe(ws.id, ws.id) : null;
  }

  close(): void {
    this.closeCurrent();
  }

  private closeCurrent(): void {
    if (!this.opened) return;
    for (const listener of this.closeListeners) listener(this.opened);
    this.opened.db.close();
    this.opened = null;
  }

  /**
   * Notes a failure seen while reading or writing the open workspace: a damaged file is
   * recorded, and from then on nothing more is written to it.
   */
  noticeFailure(error: unknown): void {
    if (storageFailure(error) === DAMAGED) this.markDamaged(error instanceof Error ? error.message : String(error));
  }

  markDamaged(detail: string): void {
    const ws = this.opened;
    if (ws && !ws.damage) this.setDamage(ws, recordDamage(ws.file, detail));
  }

  /** SQLite's full integrity check of the open workspace, off the main thread; records what it finds. */
  async checkCurrent(): Promise<FullCheck> {
    const ws = this.requireCurrent();
    const outcome = await checkWholeFile(ws.file);
    if (this.opened !== ws) return outcome; // closed meanwhile
    const at = new Date().toISOString();
    if (outcome.ok) {
      ws.lastCheck = { at, ok: true };
      if (ws.damage) {
        clearDamage(ws.file);
        this.setDamage(ws, null);
      }
    } else if ('damage' in outcome) {
      ws.lastCheck = { at, ok: false, detail: outcome.damage };
      if (!ws.damage) this.setDamage(ws, recordDamage(ws.file, outcome.damage));
    } else {
      ws.lastCheck = { at, ok: false, detail: `The check could not run: ${outcome.error}` };
    }
    return outcome;
  }

  private setDamage(ws: OpenWorkspace, damage: WorkspaceDamage | null): void {
    ws.damage = damage;
    ws.db.pragma(`query_only = ${damage ? 'ON' : 'OFF'}`);
    for (const listener of this.damageListeners) listener(ws);
  }

  private openFile(id: string): OpenWorkspace {
    const file = this.fileFor(id);
    if (statSync(file).size === 0) {
      throw new AppError(
        'UNAVAILABLE',
        `The file of workspace "${id}" is empty (0 bytes): its contents are gone. ${this.backupAdvice(id)}`,
      );
    }
    let db: DB;
    try {
      db = openDatabase(file, { beforeMigrate: (connection) => this.backups.takeNow(connection, id, 'before-migration') });
    } catch (error) {
      if (storageFailure(error) === DAMAGED) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new AppError(
          'UNAVAILABLE',
          `The file of workspace "${id}" is damaged and cannot be opened (${detail}). ${this.backupAdvice(id)}`,
        );
      }
      throw error;
    }
    const ws: OpenWorkspace = { id, file, db, damage: readDamage(file), lastCheck: null, rederived: 0 };
    try {
      const problem = ws.damage ? null : checkOwnWork(db);
      if (problem) ws.damage = recordDamage(file, problem);
      if (!ws.damage) ws.rederived = rederiveTickets(db);
    } catch (error) {
      db.close();
      throw error;
    }
    if (ws.damage) db.pragma('query_only = ON');
    return ws;
  }

  /** Where to turn when a workspace is lost or damaged: its latest automatic backup, and how to restore it. */
  backupAdvice(id: string): string {
    const latest = this.backups.list(id)[0];
    if (!latest) return 'There is no automatic backup of it; if you keep backups of your own, restore one as a new workspace.';
    return (
      `Its latest backup is from ${latest.takenAt.slice(0, 16).replace('T', ' ')} UTC: restore it as a new workspace in ` +
      `Settings → Data, or with tideline workspace restore "${latest.path}" --name "<a new name>".`
    );
  }

  /** Reads a workspace's name without migrating or locking it; a newer file is listed with its problem. */
  private describe(id: string, active: string | null): Workspace {
    const base = { id, name: id, createdAt: '', active: id === active };
    let db: Database.Database | undefined;
    try {
      db = new Database(this.fileFor(id), { readonly: true, fileMustExist: true, nativeBinding: nativeBindingPath() });
      if (statSync(this.fileFor(id)).size === 0) return { ...base, problem: 'The workspace file is empty (0 bytes).' };
      const problem = newerSchemaProblem(db.pragma('user_version', { simple: true }) as number);
      if (problem) return { ...base, problem };
      const damage = readDamage(this.fileFor(id));
      const rows = db.prepare(`SELECT key, value FROM settings WHERE key IN ('workspace.name', 'workspace.created_at')`).all() as {
        key: string;
        value: string;
      }[];
      const get = (key: string) => rows.find((r) => r.key === key)?.value;
      const name = get('workspace.name');
      const createdAt = get('workspace.created_at');
      return {
        ...base,
        name: name ? (JSON.parse(name) as string) : id,
        createdAt: createdAt ? (JSON.parse(createdAt) as string) : '',
        ...(damage ? { damage } : {}),
      };
    } catch (error) {
      return { ...base, problem: error instanceof Error ? error.message : String(error) };
    } finally {
      db?.close();
    }
  }
}
