export interface Workspace {
  id: string;
  name: string;
  createdAt: string;
  active: boolean;
  /** Set when the file cannot be opened by this version (for example it is newer). */
  problem?: string;
  /** Set when a check found the file damaged: the workspace opens read-only. */
  damage?: WorkspaceDamage;
}

export interface WorkspaceDamage {
  /** When it was found (ISO time). */
  detectedAt: string;
  /** What SQLite reported. */
  detail: string;
}

export type BackupReason = 'daily' | 'before-migration' | 'before-retention';

/** One backup Tideline took by itself. */
export interface AutomaticBackup {
  path: string;
  workspaceId: string;
  takenAt: string;
  reason: BackupReason;
  bytes: number;
}

export interface BackupList {
  /** Where automatic backups go. */
  folder: string;
  /** Whether that is a folder the lead picked rather than the data folder's backups/. */
  custom: boolean;
  backups: AutomaticBackup[];
}

export interface WorkspaceStatus {
  workspace: Workspace;
  file: string;
  /** Set while the workspace is damaged: reading works, nothing is written. */
  damage: WorkspaceDamage | null;
  /** When the last full integrity check finished in this process, and what it found. */
  lastCheck: { at: string; ok: boolean; detail?: string } | null;
  /** Tickets that read differently under this version's rules (roles, handovers) when the workspace opened, and were updated. */
  rederived: number;
  schemaVersion: number;
  sqliteVersion: string;
  vecVersion: string;
  counts: {
    sources: number;
    tickets: number;
    handovers: number;
    drafts: number;
    articles: number;
  };
}

/** What a lead is told when this version read a workspace's tickets again on opening it (`WorkspaceStatus.rederived`). */
export function rederivedMessage(n: number): string {
  return (
    `This version reads tickets more accurately: ${n.toLocaleString('en-US')} ticket${n === 1 ? ' was' : 's were'} updated ` +
    '(who wrote each message, which were handovers). Search and the board catch up once they are indexed.'
  );
}
