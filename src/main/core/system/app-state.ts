import { join } from 'node:path';
import type { Preferences } from '../../../shared/domain/app';
import { readJsonFile, writeJsonFile } from './json-file';

/** App-wide state that belongs to no workspace: which one is active, and preferences. */
export interface AppState {
  activeWorkspace: string | null;
  preferences: Preferences;
  /** Where automatic backups go; null for the data folder's backups/. */
  backupFolder: string | null;
}

const DEFAULT_STATE: AppState = { activeWorkspace: null, preferences: { theme: 'system' }, backupFolder: null };

export class AppStateFile {
  readonly file: string;
  constructor(dataDir: string) {
    this.file = join(dataDir, 'tideline.json');
  }

  read(): AppState {
    const stored = readJsonFile<Partial<AppState>>(this.file, {});
    return {
      activeWorkspace: stored.activeWorkspace ?? null,
      preferences: { ...DEFAULT_STATE.preferences, ...stored.preferences },
      backupFolder: stored.backupFolder ?? null,
    };
  }

  update(change: Partial<AppState>): AppState {
    const next = { ...this.read(), ...change };
    writeJsonFile(this.file, next);
    return next;
  }
}
