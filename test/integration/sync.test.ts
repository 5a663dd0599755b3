import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/host/cli';
import { FileSecretStore } from '../../src/main/core/secrets/store';
import { SyncScheduler } from '../../src/main/core/sync/schedule';
import { Sources } from '../../src/main/core/sync/sources';
import type { Job } from '../../src/shared/domain/job';
import { HELPDESK_KINDS, type HelpdeskKind } from '../../src/shared/domain/source';
import { Rng } from '../../src/main/core/demo/rng';
import { maxPerWindowAfterFirstLimit, startMockHelpdesk, type MockHelpdesk, type MockOptions } from '../helpers/helpdesks/server';
import { BOT_NAME, World } from '../helpers/helpdesks/world';
import { snapshot, syncHere, SimulatedCrash, type CrashPoint } from '../helpers/sync';
import { onCleanup, runToEnd, tempDir, testEngine } from '../helpers/temp';

/** Helpdesks that mark no message as the AI's need the lead to name its author. */
const NEEDS_BOT_LIST: HelpdeskKind[] = ['zendesk', 'freshdesk', 'gorgias'];

async function mock(kind: HelpdeskKind, world: World, options: MockOptions = {}): Promise<MockHelpdesk> {
  const m = await startMockHelpdesk(kind, world, options);
  onCleanup(() => m.close());
  return m;
}

async function connected(kind: HelpdeskKind, m: MockHelpdesk, engine = testEngine()) {
  if (!engine.workspaces.current()) await engine.call('workspace.create', { name: `${kind} sync` });
  const source = await engine.call('sources.add', {
    kind,
    name: `Brightkettle ${kind}`,
    fields: m.credentials.fields,
    secrets: m.credentials.secrets,
    baseUrl: m.url,
    botIds: NEEDS_BOT_LIST.includes(kind) ? [BOT_NAME] : [],
    historyDays: 365,
    syncNow: false,
  });
  const db = engine.workspaces.requireCurrent().db;
  return { engine, db, source, secrets: m.credentials.secrets };
}

const world = World.demo({ weeks: 2, perWeek: 40, seed: 11 });

describe.each(HELPDESK_KINDS)('%s sync against its mock server', (kind) => {
  it('brings every ticket and message in, with the same AI flags as importing the tickets', async () => {
    const m = await mock(kind, world);
    const { engine, db, source, secrets } = await connected(kind, m);
    const summary = await syncHere(db, source.id, secrets);
    expect(summary.created).toBe(world.tickets.length);

    const snap = snapshot(db, source.id);
    expect(snap.tickets).toHaveLength(world.tickets.length);
    expect(snap.messages).toHaveLength(world.tickets.reduce((n, t) => n + t.messages.length, 0));
    expect(snap.fts).toBe(world.tickets.length);
    const flags = db
      .prepare('SELECT external_id, ai_involved, handover, unanswered, ai_resolved FROM tickets WHERE source_id = ?')
      .all(source.id) as {
      external_id: string;
      ai_involved: number;
      handover: number;
    }[];
    for (const row of flags) {
      const t = world.get(Number(row.external_id))!;
      expect({ id: t.id, ai: row.ai_involved === 1, handover: row.handover === 1 }).toEqual({
        id: t.id,
        ai: t.aiInvolved,
        handover: t.handover,
      });
    }
    const roles = db.prepare(`SELECT role, count(*) AS n FROM messages GROUP BY role ORDER BY role`).all() as { role: string; n: number }[];
    const botMessages = world.tickets.reduce((n, t) => n + t.messages.filter((x) => x.author.kind === 'bot').length, 0);
    expect(roles.find((r) => r.role === 'bot')?.n).toBe(botMessages);

    // the status shows the sync; the source's secrets are not in the database
    const listed = (await engine.call('sources.list', {})).find((s) => s.id === source.id)!;
    expect(listed.tickets).toBe(world.tickets.length);
    expect(listed.sync).toMatchObject({ lastError: null, secretsSet: Object.keys(secrets) });
    const dump = JSON.stringify(db.prepare('SELECT * FROM sources').all());
    for (const value of Object.values(secrets)) expect(dump).not.toContain(value);
  });
});

/** What each helpdesk marks as sent by its automation, and when it comes (ms after the ticket's first message). */
const AUTOMATED = [
  ['zendesk', 'a trigger’s reply', 5_000],
  ['gorgias', 'a rule’s auto-reply', 5_000],
  ['intercom', 'the automated message a conversation starts with', -60_000],
] as const;

describe.each(AUTOMATED)('%s automation', (kind, what, afterMs) => {
  it(`keeps ${what} as the helpdesk’s own: no person’s reply, no AI agent, every flag as without it`, async () => {
    const w = World.demo({ weeks: 1, perWeek: 30, seed: 9 });
    const m = await mock(kind, w);
    const without = await connected(kind, m);
    await syncHere(without.db, without.source.id, without.secrets);

    // on every ticket, in the admin's name, words that are no notice
    const sent = w.tickets.map((t) =>
      w.automated(t.id, 'Orders ship within 2 working days. Track yours with the link in your confirmation email.', afterMs),
    );
    const automated = await connected(kind, m, without.engine);
    await syncHere(automated.db, automated.source.id, automated.secrets);

    const roles = automated.db
      .prepare(`SELECT DISTINCT m.role FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.source_id = ? AND m.author_name = ?`)
      .pluck()
      .all(automated.source.id, sent[0]!.author.name);
    expect(roles).toEqual(['system']);
    const tickets = (sourceId: number) => snapshot(automated.db, sourceId).tickets;
    expect(tickets(automated.source.id)).toEqual(tickets(without.source.id));
    expect(
      (tickets(without.source.id) as { ai_resolved: number }[]).filter((t) => t.ai_resolved === 1).length,
      'tickets the AI agent resolved alone, which a person’s reply would take from it',
    ).toBeGreaterThan(3);
  });
});

describe.each(HELPDESK_KINDS)('%s sync, incremental and resumable', (kind) => {
  it('reads only what changed since the last sync', async () => {
    const w = World.demo({ weeks: 1, perWeek: 40, seed: 5 });
    const m = await mock(kind, w);
    const { db, source, secrets } = await connected(kind, m);
    await syncHere(db, source.id, secrets);
    const before = m.log.length;
    const reply = w.touch(3, 'Following up: the descaling cycle takes 25 minutes, not 15.');
    const again = await syncHere(db, source.id, secrets);
    expect(again.updated).toBeGreaterThanOrEqual(1);
    expect(again.created).toBe(0);
    expect(again.fetched).toBeLessThan(w.tickets.length / 2);
    expect(m.log.length - before).toBeLessThan(before / 2);
    const bodies = db
      .prepare(`SELECT m.body FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.source_id = ? AND t.external_id = '3'`)
      .pluck()
      .all(source.id);
    expect(bodies).toContain(reply.body);
    expect(db.prepare('SELECT count(*) FROM tickets WHERE source_id = ?').pluck().get(source.id)).toBe(w.tickets.length);
  });

  it('reads every ticket again once after an update that reads this helpdesk differently, writing only what changed', async () => {
    const w = World.demo({ weeks: 1, perWeek: 40, seed: 5 });
    const m = await mock(kind, w);
    const { db, source, secrets } = await connected(kind, m);
    await syncHere(db, source.id, secrets);
    const stored = snapshot(db, source.id);
    const incremental = (await syncHere(db, source.id, secrets)).fetched;
    expect(incremental).toBeLessThan(w.tickets.length / 2);
    // as a version before this connector's reading last changed left the source
    db.prepare(`DELETE FROM sync_cursors WHERE source_id = ? AND stream = 'reading'`).run(source.id);
    const reread = await syncHere(db, source.id, secrets);
    expect(reread.fetched).toBeGreaterThanOrEqual(w.tickets.length);
    expect(reread).toMatchObject({ created: 0, updated: 0, unchanged: reread.fetched });
    expect(snapshot(db, source.id)).toEqual(stored);
    expect((await syncHere(db, source.id, secrets)).fetched).toBe(incremental); // once
  });

  it('killed at random points, then resumed, ends equal to a clean full sync', async () => {
    const w = World.demo({ weeks: 2, perWeek: 60, seed: 23 });
    const m = await mock(kind, w, { latencyMs: 2 });
    const clean = await connected(kind, m);
    await syncHere(clean.db, clean.source.id, clean.secrets);
    const expected = snapshot(clean.db, clean.source.id);

    const rng = new Rng(HELPDESK_KINDS.indexOf(kind) + 100);
    const points: CrashPoint[] = [
      { during: 'commit', page: 1 },
      { during: 'after-commit', page: 1 },
      { during: rng.chance(0.5) ? 'commit' : 'after-commit', page: rng.int(1, 3) },
      { during: 'request', afterMs: rng.int(5, 120) },
    ];
    let crashed = 0;
    for (const crash of points) {
      const trial = await connected(kind, m);
      const outcome = await syncHere(trial.db, trial.source.id, trial.secrets, crash).then(
        () => 'finished',
        (error: unknown) =>
          error instanceof SimulatedCrash || (error as Error).name === 'AbortError' || (error as Error).name === 'SimulatedCrash'
            ? 'crashed'
            : error,
      );
      if (outcome !== 'crashed' && outcome !== 'finished') throw outcome;
      if (outcome === 'crashed') crashed++;
      await syncHere(trial.db, trial.source.id, trial.secrets);
      expect({ crash, snapshot: snapshot(trial.db, trial.source.id) }).toEqual({ crash, snapshot: expected });
    }
    expect(crashed).toBeGreaterThanOrEqual(3);
  });
});

describe('rate limits, server faults and failures', () => {
  it.each(['zendesk', 'freshdesk', 'helpscout', 'hubspot', 'intercom'] as HelpdeskKind[])(
    '%s: waits as told on 429, then stays under the limit',
    async (kind) => {
      const w = World.demo({ weeks: 1, perWeek: 40, seed: 3 });
      const limit = { requests: 12, windowMs: 1000 };
      const m = await mock(kind, w, { rateLimit: limit });
      const { db, source, secrets } = await connected(kind, m);
      const summary = await syncHere(db, source.id, secrets);
      expect(summary.created).toBe(w.tickets.length);
      expect(m.firstLimitedWindow).not.toBeNull();
      expect(maxPerWindowAfterFirstLimit(m)).toBeLessThanOrEqual(limit.requests);
    },
  );

  it('retries 500s and broken JSON, and ends with every ticket once', async () => {
    const w = World.demo({ weeks: 1, perWeek: 20, seed: 9 });
    const m = await mock('zendesk', w, { faults: { serverErrorEvery: 9, malformedEvery: 13 } });
    const { db, source, secrets } = await connected('zendesk', m);
    await syncHere(db, source.id, secrets);
    expect(m.log.filter((r) => r.status === 500).length).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) FROM tickets WHERE source_id = ?').pluck().get(source.id)).toBe(w.tickets.length);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(w.tickets.reduce((n, t) => n + t.messages.length, 0));
  });

  it('goes on past Freshdesk’s page cap from the newest change it saw', async () => {
    const w = World.demo({ weeks: 3, perWeek: 90, seed: 4 });
    expect(w.tickets.length).toBeGreaterThan(200);
    const m = await mock('freshdesk', w, { maxPage: 2 });
    const { db, source, secrets } = await connected('freshdesk', m);
    await syncHere(db, source.id, secrets);
    expect(m.log.some((r) => r.path.endsWith('/tickets') && r.status === 400)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM tickets WHERE source_id = ?').pluck().get(source.id)).toBe(w.tickets.length);
  });

  it('says what is wrong with credentials, the address or the network, and writes nothing', async () => {
    const w = World.demo({ weeks: 1, perWeek: 10, seed: 2 });
    const m = await mock('zendesk', w);
    const { engine, db, source } = await connected('zendesk', m);
    const wrong = { apiToken: 'not-the-token' };
    await expect(engine.call('sources.test', { id: source.id, secrets: wrong })).rejects.toThrow(/Zendesk refused the credentials \(401\)/);
    await expect(syncHere(db, source.id, wrong)).rejects.toThrow(/refused the credentials/);
    expect((await engine.call('sources.list', {})).find((s) => s.id === source.id)!.sync).toMatchObject({
      lastErrorKind: 'credentials',
      lastSyncAt: null,
    });

    await engine.call('sources.update', { id: source.id, baseUrl: m.url.replace('/api/v2', '/wrong/api/v2') });
    await expect(syncHere(db, source.id, m.credentials.secrets)).rejects.toThrow(
      /has nothing at .* \(404\): check the subdomain or the base URL/,
    );
    expect((await engine.call('sources.list', {})).find((s) => s.id === source.id)!.sync?.lastErrorKind).toBe('not_found');

    await engine.call('sources.update', { id: source.id, baseUrl: 'http://127.0.0.1:9/api/v2' });
    await expect(syncHere(db, source.id, m.credentials.secrets)).rejects.toThrow(
      /Cannot reach Zendesk .* keeps working with the tickets it has/,
    );
    expect((await engine.call('sources.list', {})).find((s) => s.id === source.id)!.sync?.lastErrorKind).toBe('offline');
    expect(db.prepare('SELECT count(*) FROM tickets').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM sync_cursors').pluck().get()).toBe(0);
  }, 30_000);
});

describe('sources through the API', () => {
  it('tests the connection and names the authors that look like bots', async () => {
    const m = await mock('zendesk', world);
    const engine = testEngine();
    await engine.call('workspace.create', { name: 'Bots' });
    const test = await engine.call('sources.test', {
      kind: 'zendesk',
      fields: m.credentials.fields,
      secrets: m.credentials.secrets,
      baseUrl: m.url,
    });
    expect(test.summary).toMatch(/signed in as Robin Admin \(admin\); \d+ tickets/);
    const bot = test.authors.find((a) => a.name === BOT_NAME)!;
    expect(bot).toMatchObject({ role: 'agent', botReason: 'the name looks like a bot’s' });
    expect(test.authors.filter((a) => a.botReason !== null).map((a) => a.name)).toEqual([BOT_NAME]);
    const listed = await engine.call('sources.test', {
      kind: 'zendesk',
      fields: m.credentials.fields,
      secrets: m.credentials.secrets,
      baseUrl: m.url,
      botIds: [String(bot.id)],
    });
    expect(listed.authors.find((a) => a.name === BOT_NAME)).toMatchObject({ role: 'bot', botReason: 'in your AI agent authors' });
  });

  it('leaves a bot the lead lists as the helpdesk’s automation out of the AI agent’s work, and reads the tickets again when the list changes', async () => {
    const w = World.demo({ weeks: 1, perWeek: 40, seed: 5 });
    const m = await mock('intercom', w);
    const { engine, db, source, secrets } = await connected('intercom', m);
    const rolesOfFin = () =>
      db
        .prepare(
          `SELECT DISTINCT role FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.source_id = ? AND m.author_name = 'Fin'`,
        )
        .pluck()
        .all(source.id);
    await syncHere(db, source.id, secrets);
    expect(rolesOfFin()).toEqual(['bot']);
    // the test reads the roles as Intercom gives them: Fin stays marked as Intercom's bot when listed as automation
    const listed = await engine.call('sources.test', { id: source.id, automationIds: ['Fin'] });
    expect(listed.authors.find((a) => a.name === 'Fin')).toMatchObject({ role: 'system', helpdeskBot: true });

    // a changed list reads every ticket again, in the sync job the change starts
    const relisted = (automationIds: string[]) =>
      runToEnd(engine, async () => {
        expect((await engine.call('sources.update', { id: source.id, automationIds })).resync).toBe(true);
        return (await engine.call('jobs.list', { limit: 5 })).find((j) => j.kind === 'sync.source')!;
      });
    expect(await relisted(['Fin'])).toMatchObject({ status: 'done', message: expect.stringMatching(/: 0 new tickets, [1-9]\d* updated/) });
    expect((await engine.call('sources.list', {})).find((x) => x.id === source.id)?.sync?.automationIds).toEqual(['Fin']);
    expect(rolesOfFin()).toEqual(['system']);
    await relisted([]);
    expect(rolesOfFin()).toEqual(['bot']);
  });

  it('syncs in a background job with the secrets handed over, never doubles a running sync, and removes a source with its tickets', async () => {
    const m = await mock('helpscout', world);
    const engine = testEngine();
    await engine.call('workspace.create', { name: 'Jobs' });
    const source = await engine.call('sources.add', {
      kind: 'helpscout',
      name: 'Help Scout',
      fields: m.credentials.fields,
      secrets: m.credentials.secrets,
      baseUrl: m.url,
      historyDays: 365,
      syncNow: false,
    });
    const job = await runToEnd(engine, async () => {
      const [first] = await engine.call('sync.start', { sourceId: source.id });
      const [again] = await engine.call('sync.start', {});
      expect(again!.id).toBe(first!.id);
      return first!;
    });
    expect(job).toMatchObject({ status: 'done', kind: 'sync.source' });
    expect(job.message).toBe(`Help Scout: ${world.tickets.length} new tickets`);
    const synced = (await engine.call('sources.list', {}))[0]!;
    expect(synced.tickets).toBe(world.tickets.length);
    expect(synced.sync?.lastSyncAt).not.toBeNull();

    const { removed } = await engine.call('sources.remove', { id: source.id });
    expect(removed).toBe(world.tickets.length);
    const db = engine.workspaces.requireCurrent().db;
    expect(db.prepare('SELECT count(*) FROM tickets').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM ticket_fts').pluck().get()).toBe(0);
    await expect(engine.call('sources.test', { id: source.id })).rejects.toThrow(/no source/);
  });
});

describe('the CLI', () => {
  it('adds a source with its token from the environment, syncs, lists, tests and removes it', async () => {
    const m = await mock('zendesk', world);
    const dataDir = tempDir();
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), stdin: async () => [] };
    const run = (...args: string[]) => main([...args, '--data-dir', dataDir], io);
    expect(await run('workspace', 'create', 'CLI sync')).toBe(0);

    expect(
      await run('source', 'add', 'zendesk', '--subdomain', 'brightkettle', '--email', m.credentials.fields.email!, '--base-url', m.url),
    ).toBe(2);
    expect(out.join('\n')).toMatch(/needs the API token: set ZENDESK_API_TOKEN, or pipe it on stdin/);

    process.env.ZENDESK_API_TOKEN = m.credentials.secrets.apiToken;
    onCleanup(() => void delete process.env.ZENDESK_API_TOKEN);
    out.length = 0;
    const added = await run(
      'source',
      'add',
      'zendesk',
      '--name',
      'Support',
      '--subdomain',
      'https://brightkettle.zendesk.com',
      '--email',
      m.credentials.fields.email!,
      '--base-url',
      m.url,
      '--bot',
      BOT_NAME,
      '--automation',
      'Priya Raman',
      '--history-days',
      '365',
    );
    expect(out.join('\n')).toContain(`Support: ${world.tickets.length} new tickets`);
    expect(added).toBe(0);

    out.length = 0;
    expect(await run('sync')).toBe(0);
    expect(out.join('\n')).toMatch(/Support: up to date, nothing changed since the last sync|Support: 0 new tickets/);

    out.length = 0;
    expect(await run('source', 'list')).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`Support\\s+zendesk\\s+${world.tickets.length} tickets\\s+last sync`));
    expect(await run('source', 'test', '1')).toBe(0);
    expect(out.join('\n')).toMatch(/Kettle Assistant\s+bot .* looks like a bot: in your AI agent authors/);
    expect(out.join('\n')).toMatch(/Priya Raman\s+system .* ← in your helpdesk automation: neither the AI agent nor a person/);
    expect(await run('source', 'remove', '1')).toBe(0);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(m.credentials.secrets.apiToken);
  }, 120_000); // starts the command line several times: slow on a busy machine
});

describe('automatic sync', () => {
  it('starts a source’s sync once its interval has passed since the last one, and never for a source synced on request', async () => {
    const m = await mock('hubspot', world);
    const { engine, db, source } = await connected('hubspot', m);
    const manual = await engine.call('sources.add', {
      kind: 'hubspot',
      name: 'Manual',
      secrets: m.credentials.secrets,
      baseUrl: m.url,
      syncNow: false,
    });
    await engine.call('sources.update', { id: source.id, syncEveryMinutes: 15 });
    let now = Date.parse('2026-11-21T09:00:00Z');
    const started: number[] = [];
    const scheduler = new SyncScheduler(
      engine.workspaces,
      (d) => new Sources(d, new FileSecretStore(tempDir())),
      (sourceId) => {
        db.prepare(`INSERT INTO jobs (kind, status, params, resumable, created_at) VALUES ('sync.source', 'done', ?, 1, ?)`).run(
          JSON.stringify({ sourceId }),
          new Date(now).toISOString(),
        );
        started.push(sourceId);
        return { id: 0 } as Job;
      },
      () => now,
    );
    onCleanup(() => scheduler.stop());
    expect(scheduler.tick()).toEqual([source.id]);
    now += 5 * 60_000;
    expect(scheduler.tick()).toEqual([]);
    now += 11 * 60_000;
    expect(scheduler.tick()).toEqual([source.id]);
    await engine.call('sources.update', { id: source.id, enabled: false });
    now += 60 * 60_000;
    expect(scheduler.tick()).toEqual([]);
    expect(started).not.toContain(manual.id);
  });
});
