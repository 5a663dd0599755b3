import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_DIR_NAME = 'Tideline';
export const DATA_DIR_ENV = 'TIDELINE_DATA_DIR';

/** The OS app-data folder, the same one Electron's `userData` points at. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_DIR_NAME);
}

/** `--data-dir` wins, then TIDELINE_DATA_DIR, then the OS app-data folder. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env[DATA_DIR_ENV];
  return chosen ? resolve(chosen) : defaultDataDir(process.platform, env);
}
