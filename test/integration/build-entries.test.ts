import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';

/** The built engine starts its threads from files beside its bundle: each must be an entry of the build. */
describe('the build of the engine', () => {
  it('has an entry for each thread the engine starts, named as the engine looks for it', () => {
    const input = (config as { main: { build: { rollupOptions: { input: Record<string, string> } } } }).main.build.rollupOptions.input;
    const starts = [
      ['src/main/core/jobs/runner.ts', 'worker'],
      ['src/main/core/embed/encoder-pool.ts', 'encoder-worker'],
    ];
    for (const [source, name] of starts) {
      expect(readFileSync(source!, 'utf8')).toContain(`startThread(import.meta.url, '${name}'`);
      const entry = input[name!];
      expect(entry, name).toBeDefined();
      expect(existsSync(entry!)).toBe(true);
      expect(entry).toBe(join(process.cwd(), dirname(source!), `${name}.ts`));
    }
  });
});
