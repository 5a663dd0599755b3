import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../core/version';

export function rendererDir(): string {
  return join(appRoot(), 'out', 'renderer');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the interface when it is missing or older than its sources (a fresh clone, a pull). */
export async function ensureRendererBuilt(log: (line: string) => void): Promise<void> {
  const root = appRoot();
  const index = join(rendererDir(), 'index.html');
  const sources = ['src/renderer', 'src/shared'].map((d) => join(root, d)).filter(existsSync);
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  log('Building the interface (first run or after an update; this takes a few seconds)…');
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin, ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building the interface failed (exit ${code})`))));
  });
}
