import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/host/cli';
import { startMockHelpCenter } from '../helpers/help-centers';
import { onCleanup, tempDir } from '../helpers/temp';

describe('tideline export', () => {
  it('imports a folder, exports it to Markdown (again: nothing), then to a mock Zendesk Guide through a worker job, printing the links', async () => {
    const dataDir = tempDir();
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), stdin: async () => [] };
    const run = (...args: string[]) => main([...args, '--data-dir', dataDir], io);
    expect(await run('workspace', 'create', 'Export')).toBe(0);

    const source = tempDir();
    writeFileSync(join(source, 'gift-cards.md'), '---\ntitle: Gift cards\ntags: [gifts]\n---\nGift cards never expire.\n');
    writeFileSync(join(source, 'returns.md'), '# Returns\n\nReturn within **30 days**.\n');
    expect(await run('articles', 'import', source)).toBe(0);
    expect(out.join('\n')).toContain('2 new, 0 updated, 0 unchanged.');

    const folder = join(tempDir(), 'kb');
    out.length = 0;
    expect(await run('export', '--target', 'markdown', '--out', folder, '--dry-run')).toBe(0);
    expect(out.join('\n')).toMatch(/1\s+create\s+Gift cards\s+\(new\)/);
    expect(await run('export', '--target', 'markdown', '--out', folder)).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['1-gift-cards.md', '2-returns.md']);
    expect(readFileSync(join(folder, '1-gift-cards.md'), 'utf8')).toContain('tags: ["gifts"]');
    out.length = 0;
    expect(await run('export', '--target', 'markdown', '--out', folder)).toBe(0);
    expect(out.join('\n')).toContain('every article is up to date there');

    const zendesk = await startMockHelpCenter('zendesk');
    onCleanup(() => zendesk.close());
    out.length = 0;
    expect(await run('export', 'add', '--target', 'zendesk', '--set', 'subdomain=acme', '--base-url', zendesk.url)).toBe(2);
    expect(out.join('\n')).toContain('set ZENDESK_API_TOKEN');
    process.env.ZENDESK_API_TOKEN = zendesk.secrets.apiToken;
    onCleanup(() => void delete process.env.ZENDESK_API_TOKEN);
    const sets = Object.entries(zendesk.fields).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
    expect(await run('export', 'add', '--target', 'zendesk', ...sets, '--base-url', zendesk.url)).toBe(0);
    out.length = 0;
    expect(await run('export', '--target', 'zendesk')).toBe(0);
    const printed = out.join('\n');
    expect(printed).toMatch(/1\s+done\s+Gift cards\n\s+https:\/\/acme\.zendesk\.com\/hc\/en-us\/articles\/\d+/);
    expect(zendesk.articles.size).toBe(2);
    expect([...zendesk.articles.values()].map((a) => a.body).sort()).toEqual(['<p>Gift cards never expire.</p>\n', '<p>Return within <strong>30 days</strong>.</p>\n']);

    out.length = 0;
    expect(await run('export', 'targets')).toBe(0);
    expect(out.join('\n')).toMatch(/Zendesk Guide\s+zendesk\s+2 exported {2}\(Publish goes here\)/);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toContain('export.2.apiToken');
  });
});
