import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * better-sqlite3 is compiled for one ABI at a time. `npm install` builds it for Node
 * (tests, CLI, browser mode); `npm start` adds a second build for Electron's ABI under
 * build/electron-v<abi>/ (scripts/electron-native.mjs), so both work after one install.
 */
export function nativeBindingPath(): string | undefined {
  if (!process.versions.electron) return undefined;
  const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
  const file = join(dirname(pkg), 'build', `electron-v${process.versions.modules}`, 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}
