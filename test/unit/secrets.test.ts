import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src/main/core/secrets/store';
import { tempDir, testEngine } from '../helpers/temp';

describe('secrets', () => {
  it('keeps secrets in an owner-only file, never in a workspace database', async () => {
    const dataDir = tempDir();
    const { call } = testEngine(dataDir);
    await call('workspace.create', { name: 'Acme' });
    await call('secrets.set', { name: 'zendesk.token', value: 'sk-very-secret-123' });
    expect(await call('secrets.list', {})).toEqual(['zendesk.token']);
    const store = new FileSecretStore(dataDir);
    expect(store.mode()).toBe(0o600);
    expect(store.get('zendesk.token')).toBe('sk-very-secret-123');
    for (const file of readdirSync(join(dataDir, 'workspaces'))) {
      expect(readFileSync(join(dataDir, 'workspaces', file)).includes('sk-very-secret-123')).toBe(false);
    }
    const info = await call('app.info', {});
    expect(info.secretStore).toMatchObject({ kind: 'file', location: join(dataDir, 'secrets.json') });
    expect(info.secretStore.note).toMatch(/0600/);
    expect(await call('secrets.delete', { name: 'zendesk.token' })).toEqual({ deleted: true });
    expect(await call('secrets.list', {})).toEqual([]);
  });

  it('stores only what the codec produces', () => {
    const dataDir = tempDir();
    const reversed = { encode: (v: string) => [...v].reverse().join(''), decode: (v: string) => [...v].reverse().join('') };
    const store = new FileSecretStore(dataDir, reversed, { kind: 'os-keychain', note: 'test' }, 'k.json');
    store.set('key', 'abc123');
    expect(readFileSync(store.file, 'utf8')).toContain('321cba');
    expect(readFileSync(store.file, 'utf8')).not.toContain('abc123');
    expect(store.get('key')).toBe('abc123');
  });
});
