import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import rules (DESIGN §4)', () => {
  it('keeps electron out of the engine and its hosts', async () => {
    expect(await restrictedImports('src/main/core/x.ts', `import { app } from 'electron';\nexport const a = app;`)).toHaveLength(1);
    expect(await restrictedImports('src/main/host/x.ts', `import { app } from 'electron';\nexport const a = app;`)).toHaveLength(1);
    expect(await restrictedImports('src/main/core/x.ts', `import { x } from '../electron/main';\nexport const a = x;`)).toHaveLength(1);
    expect(await restrictedImports('src/main/electron/x.ts', `import { app } from 'electron';\nexport const a = app;`)).toHaveLength(0);
  });

  it('keeps src/shared free of node, electron and the app', async () => {
    expect(
      await restrictedImports('src/shared/x.ts', `import { readFileSync } from 'node:fs';\nexport const a = readFileSync;`),
    ).toHaveLength(1);
    expect(await restrictedImports('src/shared/x.ts', `import path from 'path';\nexport const a = path;`)).toHaveLength(1);
    expect(await restrictedImports('src/shared/x.ts', `import { app } from 'electron';\nexport const a = app;`)).toHaveLength(1);
    expect(await restrictedImports('src/shared/x.ts', `import { z } from 'zod';\nexport const a = z;`)).toHaveLength(0);
  });

  it('keeps node modules and the engine out of the renderer', async () => {
    expect(
      await restrictedImports('src/renderer/x.ts', `import { readFileSync } from 'node:fs';\nexport const a = readFileSync;`),
    ).toHaveLength(1);
    expect(await restrictedImports('src/renderer/x.ts', `import { spawn } from 'child_process';\nexport const a = spawn;`)).toHaveLength(1);
    expect(
      await restrictedImports('src/renderer/x.ts', `import { Engine } from '../main/core/app';\nexport const a = Engine;`),
    ).toHaveLength(1);
    expect(await restrictedImports('src/renderer/x.ts', `import Database from 'better-sqlite3';\nexport const a = Database;`)).toHaveLength(
      1,
    );
    expect(await restrictedImports('src/renderer/x.ts', `import { api } from './api';\nexport const a = api;`)).toHaveLength(0);
  });
});
