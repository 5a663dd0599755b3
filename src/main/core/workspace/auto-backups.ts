import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { AutomaticBackup, BackupReason } from '../../../shared/domain/workspace';
import type { DB } from '../db/open';
import type { AppStateFile } from '../system/app-state';
import { backupWorkspace, checkWorkspaceFile } from './backup';

const EXTENSION = '.tideline.db';
/** How many of each kind a workspace keeps; older ones are deleted once a newer one passed its check. */
const KEEP: Record<BackupReason, number> = { daily: 7, 'before-migration': 3, 'before-retention': 3 };
const DAY_MS = 24 * 3600 * 1000;
const REASONS = Object.keys(KEEP) as BackupReason[];

/** 2026-12-01T114500Z: sortable, and a valid file name on every system. */
const stamp = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
const NAME = /^(\d{8})T(\d{6})Z-([a-z-]+)\.tideline\.db$/;

function parseName(name: string): { takenAt: string; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m || !REASONS.includes(m[3] as BackupReason)) return null;
  const [d, t] = [m[1]!, m[2]!];
  const takenAt = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}Z`;
  return { takenAt: new Date(takenAt).toISOString(), reason: m[3] as BackupReason };
}

/**
 * The rolling set of backups Tideline takes by itself: one a day (the last 7 kept), one before
 * every migration and one before retention deletes tickets, each taken with SQLite's online
 * backup and checked like a manual one. They live in the data folder's backups/ (or a folder the
 * lead picks), one folder per workspace.
 */
export class AutomaticBackups {
  constructor(
    private readonly dataDir: string,
    private readonly state: AppStateFile,
  ) {}

  get defaultFolder(): string {
    return join(this.dataDir, 'backups');
  }

  folder(): string {
    return this.state.read().backupFolder ?? this.defaultFolder;
  }

  setFolder(folder: string | null): string {
    if (folder !== null) {
      try {
        mkdirSync(folder, { recursive: true });
      } catch (error) {
        throw new AppError('VALIDATION', `Backups cannot go to ${folder}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.state.update({ backupFolder: folder });
    return this.folder();
  }

  private folderOf(workspaceId: string): string {
    return join(this.folder(), workspaceId);
  }

  /** A workspace's automatic backups, newest first. */
  list(workspaceId: string): AutomaticBackup[] {
    const dir = this.folderOf(workspaceId);
    if (!existsSync(dir)) return [];
    const found: AutomaticBackup[] = [];
    for (const name of readdirSync(dir)) {
      const parsed = parseName(name);
      if (!parsed) continue;
      const path = join(dir, name);
      found.push({ path, workspaceId, ...parsed, bytes: statSync(path).size });
    }
    return found.sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  }

  /** Whether today's backup is still to take: none of the daily ones is younger than a day. */
  dailyDue(workspaceId: string, now = Date.now()): boolean {
    const latest = this.list(workspaceId).find((b) => b.reason === 'daily');
    return !latest || now - Date.parse(latest.takenAt) >= DAY_MS;
  }

  /** Takes one with SQLite's online backup (the workspace keeps working meanwhile), then prunes its kind. */
  async take(db: DB, workspaceId: string, reason: BackupReason): Promise<AutomaticBackup> {
    const at = new Date();
    const path = this.pathFor(workspaceId, reason, at);
    const { bytes } = await backupWorkspace(db, path);
    this.prune(workspaceId, reason);
    return { path, workspaceId, takenAt: new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString(), reason, bytes };
  }

  /** Before a migration, while the workspace is being opened: a synchronous copy (VACUUM INTO), checked. */
  takeNow(db: DB, workspaceId: string, reason: BackupReason): void {
    const path = this.pathFor(workspaceId, reason, new Date());
    const partial = `${path}.${process.pid}.partial`;
    rmSync(partial, { force: true });
    try {
      db.prepare('VACUUM INTO ?').run(partial);
      checkWorkspaceFile(partial);
      renameSync(partial, path);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    this.prune(workspaceId, reason);
  }

  private pathFor(workspaceId: string, reason: BackupReason, at: Date): string {
    const dir = this.folderOf(workspaceId);
    mkdirSync(dir, { recursive: true });
    return join(dir, `${stamp(at)}-${reason}${EXTENSION}`);
  }

  private prune(workspaceId: string, reason: BackupReason): void {
    const old = this.list(workspaceId)
      .filter((b) => b.reason === reason)
      .slice(KEEP[reason]);
    for (const b of old) rmSync(b.path, { force: true });
  }
}
