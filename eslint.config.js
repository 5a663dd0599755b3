import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// bare names here; the node: prefix is caught by a pattern
const nodeModules = builtinModules.filter((m) => !m.startsWith('node:'));
/** Forbids Node's modules (bare and node:-prefixed) with one message. */
const noNodeModules = (message) => ({
  paths: nodeModules.map((name) => ({ name, message })),
  patterns: [{ group: ['node:*'], message }],
});

const noElectron = { name: 'electron', message: 'Only src/main/electron and the preload may import electron (DESIGN §4).' };

/** No Node modules, no electron, and one more forbidden group. */
const restrictImports = (nodeMessage, extra) => {
  const node = noNodeModules(nodeMessage);
  return { paths: [noElectron, ...node.paths], patterns: [...node.patterns, extra] };
};

/** Import rules of the house (DESIGN §4): renderer → shared ← core; electron/ and host/ → core. */
export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/main/core/**', 'src/main/host/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/renderer/**', '**/electron/**'],
              message: 'The engine and its hosts never import the renderer or the Electron shell.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        restrictImports('src/shared is pure TypeScript: no Node modules.', {
          group: ['**/main/**', '**/renderer/**', 'react', 'react-dom', 'better-sqlite3'],
          message: 'src/shared depends on nothing but zod.',
        }),
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        restrictImports('The renderer runs in a browser: no Node modules.', {
          group: ['**/main/**', 'better-sqlite3', 'sqlite-vec', 'ws'],
          message: 'The renderer reaches the engine only through the API contract.',
        }),
      ],
    },
  },
);
