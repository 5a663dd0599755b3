import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './src/shared/csp';

/** The engine reads its numbered .sql migrations from beside its code: copy them next to the bundle. */
function copyMigrations(): Plugin {
  return {
    name: 'tideline:copy-migrations',
    apply: 'build',
    closeBundle() {
      cpSync(resolve('src/main/core/db/migrations'), resolve('out/main/migrations'), { recursive: true });
    },
  };
}

/** Built pages carry the CSP themselves (frame-ancestors only works as a header, which both hosts also send). */
function cspMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'tideline:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          worker: resolve('src/main/core/jobs/worker.ts'),
          'encoder-worker': resolve('src/main/core/embed/encoder-worker.ts'),
        },
        // one flat folder, so modules that locate files beside themselves find them
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      // sandboxed preloads must be CommonJS
      lib: { entry: resolve('src/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react(), cspMeta()],
    build: {
      minify: true,
      outDir: resolve('out/renderer'),
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
