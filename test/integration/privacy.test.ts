import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoFile } from '../../src/main/core/demo/file';
import { openDatabase } from '../../src/main/core/db/open';
import { decide, egressFetch, withEgress } from '../../src/main/core/privacy/egress';
import { egressLog } from '../../src/main/core/privacy/log';
import { Sources } from '../../src/main/core/sync/sources';
import { FileSecretStore } from '../../src/main/core/secrets/store';
import { DEFAULT_PRIVACY, type EgressSummary } from '../../src/shared/domain/privacy';
import { main } from '../../src/main/host/cli';
import { startFakeOllama } from '../helpers/fake-ollama';
import { startFakeOpenAi } from '../helpers/fake-openai';
import { startMockHelpdesk } from '../helpers/helpdesks/server';
import { World } from '../helpers/helpdesks/world';
import { syncHere } from '../helpers/sync';
import { onCleanup, runToEnd, tempDir, testEngine } from '../helpers/temp';

const ARTICLE = JSON.stringify({
  title: 'Start a return',
  summary: 'Returns start in Orders.',
  steps: ['Open Orders.', 'Press Return.'],
  waysAsked: ['How do I return?'],
  notes: [],
});

describe('the egress guard', () => {
  it('keeps a cloud model from receiving anything in local-only mode; once allowed, the call goes through and is logged with its draft and redactions', async () => {
    const fake = await startFakeOpenAi([ARTICLE]);
    onCleanup(() => fake.close());
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Privacy' });
    await handle.call('learning.configure', { auto: false });
    const path = join(tempDir(), 'demo.jsonl');
    await writeDemoFile(path, { weeks: 3, perWeek: 200, seed: 5 });
    await runToEnd(handle, () => handle.call('import.start', { path }));
    await runToEnd(handle, () => handle.call('learn.backfill', {}));
    const cards = await handle.call('drafts.list', {});
    const card = cards.find((c) => c.kind === 'new')!;
    await handle.call('drafting.configure', {
      provider: 'openai',
      model: 'gpt-test',
      baseUrl: fake.baseUrl,
      apiKey: 'sk-test-never-logged',
    });
    expect(await handle.call('privacy.get', {})).toEqual(DEFAULT_PRIVACY);

    const blocked = await runToEnd(handle, () => handle.call('drafts.regenerate', { id: card.id }));
    expect(blocked.status).toBe('failed');
    expect(blocked.error).toMatch(
      /Local-only mode kept this on your computer: cloud model http:\/\/127\.0\.0\.1:\d+ would receive ticket text, redacted, to draft an article\. To allow it, go to Settings → Privacy/,
    );
    expect(fake.requests).toHaveLength(0);
    const refused = (await handle.call('egress.list', {})).entries[0]!;
    expect(refused).toMatchObject({
      outcome: 'blocked',
      role: 'cloud-llm',
      origin: new URL(fake.baseUrl).origin,
      method: 'POST',
      path: '/v1/chat/completions',
      draftId: card.id,
      bytesOut: 0,
    });

    await handle.call('privacy.set', { allow: { url: fake.baseUrl, role: 'cloud-llm' } });
    const done = await runToEnd(handle, () => handle.call('drafts.regenerate', { id: card.id }));
    expect(done.status).toBe('done');
    expect(fake.requests).toHaveLength(1);
    const log = await handle.call('egress.list', {});
    const sent = log.entries.find((e) => e.outcome === 'sent')!;
    expect(sent).toMatchObject({
      role: 'cloud-llm',
      method: 'POST',
      path: '/v1/chat/completions',
      draftId: card.id,
      status: 200,
      purpose: expect.stringMatching(/^Draft “.+” with openai:gpt-test$/),
    });
    expect(sent.bytesOut).toBeGreaterThan(JSON.stringify(fake.requests[0]!.body.messages).length);
    // what the call was told redaction removed: the same counts the card shows for its evidence
    const detail = await handle.call('drafts.get', { id: card.id });
    expect(Object.values(sent.redactions ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const kind of Object.keys(sent.redactions ?? {})) expect(detail.redactions.map((r) => r.kind)).toContain(kind);
    expect(log.totals).toMatchObject({ requests: 2, blocked: 1 });
    expect(JSON.stringify(log)).not.toContain('sk-test-never-logged');

    // taking the allowance back closes the door again
    await handle.call('privacy.set', { revoke: fake.baseUrl });
    expect((await runToEnd(handle, () => handle.call('drafts.regenerate', { id: card.id }))).status).toBe('failed');
    expect(fake.requests).toHaveLength(1);
    // with local-only mode off, the configured cloud model is used without a named allowance
    await handle.call('privacy.set', { localOnly: false });
    fake.requests.length = 0;
    await runToEnd(handle, () => handle.call('drafts.regenerate', { id: card.id }));
    expect(fake.requests.length).toBeGreaterThan(0);
  }, 120_000);

  it('lets connected helpdesks through in local-only mode and logs every request a sync made', async () => {
    const world = World.demo({ weeks: 2, perWeek: 40, seed: 4 });
    const mock = await startMockHelpdesk('zendesk', world);
    onCleanup(() => mock.close());
    const db = openDatabase(join(tempDir(), 'w.db'), { create: true });
    const source = new Sources(db, new FileSecretStore(tempDir())).add('zendesk', {
      name: 'Support',
      fields: mock.credentials.fields,
      secrets: mock.credentials.secrets,
      baseUrl: mock.url,
      historyDays: 400,
    });
    await syncHere(db, source.id, mock.credentials.secrets);
    const log = egressLog(db, { limit: 100_000 });
    expect(log.totals.requests).toBe(mock.log.length);
    expect(log.totals.blocked).toBe(0);
    expect(new Set(log.entries.map((e) => `${e.role} ${e.purpose} ${e.origin}`))).toEqual(
      new Set([`helpdesk Sync Support ${new URL(mock.url).origin}`]),
    );
  });

  it('decides by role, then by address: a model server elsewhere is a cloud model, a download needs an allowance', () => {
    const local = DEFAULT_PRIVACY;
    expect(decide(local, 'local-model', new URL('http://127.0.0.1:11434/api/chat'))).toMatchObject({ allowed: true, role: 'local-model' });
    expect(decide(local, 'local-model', new URL('http://[::1]:11434/api/chat'))).toMatchObject({ allowed: true });
    expect(decide(local, 'local-model', new URL('http://gpu-box.lan:11434/api/chat'))).toMatchObject({ allowed: false, role: 'cloud-llm' });
    expect(decide(local, 'cloud-llm', new URL('http://localhost:1234/v1/chat/completions'))).toMatchObject({
      allowed: false,
      role: 'cloud-llm',
    });
    expect(decide(local, 'model-download', new URL('https://huggingface.co/x/resolve/main/config.json'))).toMatchObject({
      allowed: false,
      role: 'model-download',
    });
    expect(
      decide(
        { localOnly: true, allowed: [{ origin: 'https://huggingface.co', role: 'model-download', allowedAt: '' }] },
        'model-download',
        new URL('https://huggingface.co/x'),
      ),
    ).toMatchObject({ allowed: true });
    expect(decide(local, 'help-center', new URL('https://acme.zendesk.com/api/v2/help_center/articles.json'))).toMatchObject({
      allowed: true,
    });
  });

  it('refuses a request that no code declared', async () => {
    await expect(egressFetch('http://127.0.0.1:9/')).rejects.toThrow(/had no declared purpose and was not sent/);
    const db = openDatabase(join(tempDir(), 'w.db'), { create: true });
    await expect(
      withEgress({ db, role: 'model-download', purpose: 'test' }, () => egressFetch('http://127.0.0.1:9/model.onnx')),
    ).rejects.toThrow(/Local-only mode/);
    expect(egressLog(db).entries[0]).toMatchObject({ outcome: 'blocked', role: 'model-download', purpose: 'test' });
  });
});

/** Every .ts file of the engine, the hosts and the shell, with its text. */
function sources(dir = join(import.meta.dirname, '..', '..', 'src', 'main')): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [{ file: relative(join(import.meta.dirname, '..', '..'), path), text: readFileSync(path, 'utf8') }] : [];
  });
}

describe('every outbound call site goes through the guard', () => {
  const files = sources();
  const guard = 'src/main/core/privacy/egress.ts';

  it('no code but the guard calls fetch, and the engine opens no socket of its own', () => {
    const offenders: string[] = [];
    for (const { file, text } of files) {
      if (file === guard) continue;
      // a bare fetch( call, or fetch handed on as a value, not the guard's
      for (const m of text.matchAll(/(?<![\w.'"`])fetch\s*\(|[:=]\s*fetch\b(?!Impl)|\?\?\s*fetch\b/g)) offenders.push(`${file}: ${m[0]}`);
      // the browser-mode server listens on loopback for the app itself; nothing in the engine makes its own connections
      if (!file.startsWith('src/main/host/'))
        for (const m of text.matchAll(/from ['"](node:)?(http|https|net|tls|http2|undici)['"]/g)) offenders.push(`${file}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('every HTTP client library is handed the guard', () => {
    const offenders: string[] = [];
    for (const { file, text } of files) {
      for (const m of text.matchAll(/new (Ollama|OpenAI)\(\{[^}]*\}/g))
        if (!/fetch: fetchImpl \?\? egressFetch/.test(m[0])) offenders.push(`${file}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
    const http = files.find((f) => f.file === 'src/main/core/connectors/http.ts')!.text;
    expect(http).toContain('(this.o.fetchImpl ?? egressFetch)(url');
    const transformers = files.find((f) => f.file === 'src/main/core/embed/transformers.ts')!.text;
    expect(transformers).toContain('env.fetch = egressFetch;');
  });
});

describe('tideline egress and tideline privacy', () => {
  it('prints what left the machine after a sync, as text and JSON, and changes local-only mode', async () => {
    const world = World.demo({ weeks: 1, perWeek: 30, seed: 6 });
    const mock = await startMockHelpdesk('zendesk', world);
    onCleanup(() => mock.close());
    const dataDir = tempDir();
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), stdin: async () => [] };
    const run = (...args: string[]) => main([...args, '--data-dir', dataDir], io);
    expect(await run('workspace', 'create', 'Egress')).toBe(0);
    out.length = 0;
    expect(await run('egress')).toBe(0);
    expect(out.join('\n')).toBe('Nothing has left this computer from this workspace yet.');

    process.env.ZENDESK_API_TOKEN = mock.credentials.secrets.apiToken;
    onCleanup(() => void delete process.env.ZENDESK_API_TOKEN);
    expect(
      await run(
        'source',
        'add',
        'zendesk',
        '--name',
        'Support',
        '--subdomain',
        'acme',
        '--email',
        mock.credentials.fields.email!,
        '--base-url',
        mock.url,
        '--history-days',
        '400',
      ),
    ).toBe(0);
    out.length = 0;
    expect(await run('egress', '--limit', '3')).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(new RegExp(`^${mock.log.length} requests, [\\d.]+ (B|kB) sent, 0 refused by local-only mode\\.`));
    expect(text).toContain(`${new URL(mock.url).origin.padEnd(40)} Helpdesk sync`);
    expect(text.match(/ sent {4}GET /g)).toHaveLength(3);
    out.length = 0;
    expect(await run('egress', '--json')).toBe(0);
    expect((JSON.parse(out.join('\n')) as EgressSummary).totals.requests).toBe(mock.log.length);

    out.length = 0;
    expect(await run('privacy', '--allow', 'https://api.openai.com/v1', '--as', 'cloud')).toBe(2);
    expect(await run('privacy', '--allow', 'https://api.openai.com/v1', '--as', 'cloud-llm')).toBe(0);
    expect(out.join('\n')).toMatch(/Local-only mode: on\.[\s\S]*allowed: https:\/\/api\.openai\.com \(cloud-llm\)/);
    out.length = 0;
    expect(await run('privacy', '--local-only', 'off')).toBe(0);
    expect(out.join('\n')).toMatch(/^Local-only mode: off\./);
  });
});

describe('testing a drafter', () => {
  it('checks a local Ollama, and refuses to test a cloud endpoint in local-only mode until it is allowed', async () => {
    const ollama = await startFakeOllama({ 'llama3.2': 0 }, []);
    onCleanup(() => ollama.close());
    const cloud = await startFakeOpenAi([]);
    onCleanup(() => cloud.close());
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Test drafter' });
    expect(await handle.call('drafting.test', { provider: 'ollama', model: 'llama3.2', host: ollama.url })).toEqual({
      ok: true,
      summary: `Ollama at ${ollama.url} answers and has llama3.2.`,
    });
    await expect(handle.call('drafting.test', { provider: 'ollama', model: 'mistral', host: ollama.url })).rejects.toThrow(
      /has no model "mistral".*ollama pull mistral/,
    );
    await expect(handle.call('drafting.test', { provider: 'openai', model: 'gpt-test', baseUrl: cloud.baseUrl })).rejects.toThrow(
      /Local-only mode kept this on your computer/,
    );
    expect(cloud.requests).toHaveLength(0);
    await handle.call('privacy.set', { allow: { url: cloud.baseUrl, role: 'cloud-llm' } });
    const ok = await handle.call('drafting.test', { provider: 'openai', model: 'gpt-test', baseUrl: cloud.baseUrl, apiKey: 'sk-x' });
    expect(ok.summary).toMatch(/answers/);
    expect(cloud.requests.map((r) => r.path)).toEqual(['/v1/models']);
  });
});
