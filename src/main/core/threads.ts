import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on the module `entry` beside the caller (`from`: its import.meta.url):
 * `entry.js` beside the bundle once built, or, when running from source (CLI, tests), `entry.ts`
 * loaded through tsx, registered inside the thread by thread-from-source.mjs. Each entry must be an
 * input of the main build (electron.vite.config.ts).
 */
export function startThread(from: string, entry: string, options: WorkerOptions = {}): Worker {
  const caller = fileURLToPath(from);
  if (!caller.endsWith('.ts')) return new Worker(join(dirname(caller), `${entry}.js`), options);
  const source = join(dirname(caller), `${entry}.ts`);
  return new Worker(fileURLToPath(new URL('./thread-from-source.mjs', import.meta.url)), { ...options, argv: [source] });
}
