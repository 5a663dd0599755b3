import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TeamConnection } from '../../src/main/core/team/client';
import { newId, newSecret, type TeamCredentials } from '../../src/main/core/team/credentials';
import * as Y from 'yjs';
import { HEARTBEAT_MS, MAX_FAILURES, startTeamServer } from '../../src/main/core/team/server';
import { TeamServerStore } from '../../src/main/core/team/server-store';
import { bodyOf, decide, outcomeOf, putCard, readCard } from '../../src/main/core/team/shared-board';
import { cli } from '../helpers/cli';
import { startCliProcess } from '../helpers/serve';
import { redisForTests } from '../helpers/team';
import { onCleanup, tempDir, waitFor } from '../helpers/temp';

const member = (name: string, secret?: string): TeamCredentials => ({ member: newId(), name, key: newSecret(), secret });

function connect(url: string, team: string, credentials: TeamCredentials): TeamConnection {
  const c = new TeamConnection(url, team, credentials);
  onCleanup(() => c.destroy());
  return c;
}

async function server(dataDir = tempDir(), redis?: string) {
  const s = await startTeamServer({ dataDir, port: 0, redis });
  onCleanup(() => s.close().catch(() => undefined));
  return s;
}

describe('team server', () => {
  it('creates a team on the first secret, lets members in with their own key, syncs their document, and keeps it across a restart', async () => {
    const dataDir = tempDir();
    let s = await server(dataDir);
    expect(s.host).toBe('127.0.0.1');
    const team = newId();
    const secret = newSecret();
    const ana = member('Ana', secret);
    const a = connect(s.url, team, ana);
    await a.synced();
    a.doc.getMap('cards').set('1', 'Reset a password');

    const ben = member('Ben', secret);
    const b = connect(s.url, team, ben);
    await b.synced();
    await waitFor(() => b.doc.getMap('cards').get('1'));
    expect(b.doc.getMap('cards').get('1')).toBe('Reset a password');
    const members = await a.members();
    expect(members.map((m) => [m.name, m.online])).toEqual([
      ['Ana', true],
      ['Ben', true],
    ]);

    // a wrong team secret is refused, and so is a known member with the wrong key
    const mallory = connect(s.url, team, member('Mallory', 'not-the-secret'));
    await expect(mallory.synced()).rejects.toThrow(/invite is no longer valid/);
    const forged = connect(s.url, team, { ...ana, key: 'guessed', secret: undefined });
    await expect(forged.synced()).rejects.toThrow(/did not accept this member/);

    // the server stops and comes back: the document is still there, and members reconnect by themselves
    b.doc.getMap('cards').set('2', 'Change the delivery address');
    await waitFor(() => b.settled || undefined);
    await s.close();
    s = await startTeamServer({ dataDir, port: s.port });
    onCleanup(() => s.close().catch(() => undefined));
    const c = connect(s.url, team, { ...ana, secret: undefined });
    await c.synced();
    expect(c.doc.getMap('cards').toJSON()).toEqual({ '1': 'Reset a password', '2': 'Change the delivery address' });
    a.doc.getMap('cards').set('3', 'Written while the server was away');
    await waitFor(() => c.doc.getMap('cards').get('3'), 15_000, 'the first member to reconnect');
  });

  it('removes a member: their key is revoked, their connection closed, the old invite no longer works', async () => {
    const s = await server();
    const team = newId();
    const secret = newSecret();
    const ana = member('Ana', secret);
    const ben = member('Ben', secret);
    const a = connect(s.url, team, ana);
    const b = connect(s.url, team, ben);
    await Promise.all([a.synced(), b.synced()]);

    const rotated = newSecret();
    expect(await a.remove(ben.member, rotated)).toBe(true);
    await waitFor(() => (b.status === 'refused' || b.status === 'offline' ? true : undefined));
    const again = connect(s.url, team, { ...ben, secret: undefined });
    await expect(again.synced()).rejects.toThrow(/removed from the team/);
    const oldInvite = connect(s.url, team, member('Ben again', secret));
    await expect(oldInvite.synced()).rejects.toThrow(/invite is no longer valid/);
    const newInvite = connect(s.url, team, member('Cleo', rotated));
    await newInvite.synced();
    expect((await a.members()).map((m) => [m.name, m.removedAt !== null])).toEqual([
      ['Ana', false],
      ['Ben', true],
      ['Cleo', false],
    ]);
  });

  it(`refuses an address for a while after ${MAX_FAILURES} failed attempts, even with the right secret`, async () => {
    const s = await server();
    const team = newId();
    const secret = newSecret();
    await connect(s.url, team, member('Ana', secret)).synced();
    for (let i = 0; i < MAX_FAILURES; i++) await expect(connect(s.url, team, member('Guess', newSecret())).synced()).rejects.toThrow();
    await expect(connect(s.url, team, member('Ben', secret)).synced()).rejects.toThrow(/too many failed attempts/);
    expect(s.store.members(team).map((m) => m.name)).toEqual(['Ana']);
  });
});

describe('several team server processes on one data folder, relaying through Redis', () => {
  it("members on different processes see each other and each other's edits; removal, the new secret and failed attempts hold on every process", async () => {
    const [dataDir, redis] = [tempDir(), await redisForTests()];
    const [one, two] = [await server(dataDir, redis), await server(dataDir, redis)];
    // a process that would not relay is refused: its members would not see the others' edits
    await expect(server(dataDir)).rejects.toThrow(
      /Another team server \(process \d+ on .*\) is using .* relays through Redis at 127\.0\.0\.1:\d+\/0: start this one with the same --redis/,
    );
    const team = newId();
    const secret = newSecret();
    const [ana, ben] = [member('Ana', secret), member('Ben', secret)];
    const a = connect(one.url, team, ana);
    await a.synced();
    const b = connect(two.url, team, ben);
    await b.synced();

    a.doc.getMap('cards').set('1', 'Reset a password');
    await waitFor(() => b.doc.getMap('cards').get('1'), 10_000, "Ana's edit on the other process");
    b.doc.getMap('cards').set('2', 'Change the delivery address');
    await waitFor(() => a.doc.getMap('cards').get('2'), 10_000, "Ben's edit on the other process");
    expect((await a.members()).map((m) => [m.name, m.online])).toEqual([
      ['Ana', true],
      ['Ben', true],
    ]);

    // removed through process one: Ben's connection to process two closes, and process two refuses him and the old invite
    const rotated = newSecret();
    expect(await a.remove(ben.member, rotated)).toBe(true);
    await waitFor(() => (b.status === 'refused' || b.status === 'offline' ? true : undefined), 5 * HEARTBEAT_MS, 'Ben disconnected');
    await expect(connect(two.url, team, { ...ben, secret: undefined }).synced()).rejects.toThrow(/removed from the team/);
    await expect(connect(two.url, team, member('Ben again', secret)).synced()).rejects.toThrow(/invite is no longer valid/);
    const cleo = connect(two.url, team, member('Cleo', rotated));
    await cleo.synced();
    expect(cleo.doc.getMap('cards').toJSON()).toEqual({ '1': 'Reset a password', '2': 'Change the delivery address' });

    // failed attempts count on both processes together (two refusals above already)
    for (let i = 2; i < MAX_FAILURES; i++)
      await expect(connect((i % 2 ? one : two).url, team, member('Guess', newSecret())).synced()).rejects.toThrow();
    await expect(connect(one.url, team, member('Dan', rotated)).synced()).rejects.toThrow(/too many failed attempts/);

    // both stop: the file holds every edit, whichever process stored last
    a.doc.getMap('cards').set('3', 'Written last, on process one');
    await waitFor(() => cleo.doc.getMap('cards').get('3'), 10_000, 'the last edit on process two');
    await Promise.all([one.close(), two.close()]);
    const store = new TeamServerStore(join(dataDir, 'team-server.db'));
    onCleanup(() => store.close());
    const stored = new Y.Doc();
    Y.applyUpdate(stored, store.loadDocument(team)!);
    expect(Object.keys(stored.getMap('cards').toJSON()).sort()).toEqual(['1', '2', '3']);
  });

  it('a second process on a folder in use without Redis is refused; once the first stops, the folder is free', async () => {
    const dataDir = tempDir();
    const first = await server(dataDir);
    await expect(server(dataDir)).rejects.toThrow(
      /Another team server \(process \d+ on .*\) is using .*: stop it first, or start every process on this folder with one --redis/,
    );
    await first.close();
    const second = await server(dataDir);
    // a start that fails (the port is taken) leaves its folder free
    const elsewhere = tempDir();
    await expect(startTeamServer({ dataDir: elsewhere, port: second.port })).rejects.toThrow(
      /Port \d+ on 127\.0\.0\.1 is taken \(another team server\?\): choose another with --port/,
    );
    await server(elsewhere);
  });

  it('two processes creating one team at the same moment: the first secret stands, the second is a wrong secret, not a crash', () => {
    const file = join(tempDir(), 'team-server.db');
    const [one, two] = [new TeamServerStore(file), new TeamServerStore(file)];
    onCleanup(() => (one.close(), two.close()));
    const [first, second] = [newSecret(), newSecret()];
    one.createTeamIfNew('team', first);
    two.createTeamIfNew('team', second);
    expect([two.secretMatches('team', first), two.secretMatches('team', second)]).toEqual([true, false]);
    one.addMemberIfNew('team', 'ana', 'Ana', 'key-1');
    two.addMemberIfNew('team', 'ana', 'Ana', 'key-2');
    expect([two.checkMember('team', 'ana', 'key-1'), two.checkMember('team', 'ana', 'key-2')]).toEqual(['ok', 'refused']);
  });

  it('a stored document is merged into the one on file, so a copy that missed a change does not erase it', () => {
    const store = new TeamServerStore(join(tempDir(), 'team-server.db'));
    onCleanup(() => store.close());
    const [first, second] = [new Y.Doc(), new Y.Doc()];
    first.getMap('cards').set('1', 'From the first process');
    second.getMap('cards').set('2', 'From the second, which never saw the first');
    store.storeDocument('team', Y.encodeStateAsUpdate(first));
    store.storeDocument('team', Y.encodeStateAsUpdate(second));
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, store.loadDocument('team')!);
    expect(loaded.getMap('cards').toJSON()).toEqual({ '1': 'From the first process', '2': 'From the second, which never saw the first' });
  });
});

describe('review through the team server', () => {
  it('two leads offline decide on one card, approve against reject; back online, both see one outcome and both decisions', async () => {
    const s = await server();
    const team = newId();
    const secret = newSecret();
    const [ana, ben] = [member('Ana', secret), member('Ben', secret)];
    const a = connect(s.url, team, ana);
    const b = connect(s.url, team, ben);
    await Promise.all([a.synced(), b.synced()]);
    putCard(a.doc, { key: 'topic-1', kind: 'new', title: 'Refunds', labels: [], evidence: [], body: 'Refunds take 5 days.' });
    await waitFor(() => (b.doc.getMap('cards').has('topic-1') ? true : undefined));

    a.disconnect();
    b.disconnect();
    const who = (m: TeamCredentials) => ({ member: m.member, name: m.name });
    decide(b.doc, 'topic-1', who(ben), 'reject', { reason: 'Wrong policy' });
    bodyOf(a.doc, 'topic-1').insert(0, 'Card refunds: ');
    decide(a.doc, 'topic-1', who(ana), 'approve');
    await Promise.all([a.connect(), b.connect()]);
    await Promise.all([a.synced(), b.synced()]);
    await waitFor(() =>
      readCard(a.doc, 'topic-1').decisions.length === 2 && readCard(b.doc, 'topic-1').decisions.length === 2 ? true : undefined,
    );
    const outcome = outcomeOf(readCard(a.doc, 'topic-1').decisions);
    expect(outcomeOf(readCard(b.doc, 'topic-1').decisions)).toEqual(outcome);
    expect(outcome.status).toBe('approved');
    expect(outcome.versions.map((v) => [v.text, v.by])).toEqual([['Card refunds: Refunds take 5 days.', 'Ana']]);
    expect(outcome.overruled.map((o) => o.decision.name)).toEqual(['Ben']);
  });
});

describe('tideline team-server', () => {
  it('starts on loopback, says where, keeps its data where told, and stops on a signal', async () => {
    const data = tempDir();
    const server = await startCliProcess(['team-server', '--port', '0', '--data', data]);
    onCleanup(() => server.stop());
    const { url, host } = server.first as { url: string; host: string };
    expect(host).toBe('127.0.0.1');
    const a = connect(url, newId(), member('Ana', newSecret()));
    await a.synced();
    expect(existsSync(join(data, 'team-server.db'))).toBe(true);
    const exited = new Promise<number | null>((r) => server.child.once('exit', r));
    await server.stop();
    expect(await exited).toBe(0);
  });
  it('killed mid-edit and started again at once on its folder: members reconnect by themselves and no edit is lost', async () => {
    const data = tempDir();
    const first = await startCliProcess(['team-server', '--port', '0', '--data', data]);
    const { url, port } = first.first as { url: string; port: number };
    const team = newId();
    const secret = newSecret();
    const [a, b] = [connect(url, team, member('Ana', secret)), connect(url, team, member('Ben', secret))];
    await Promise.all([a.synced(), b.synced()]);
    const cards = (c: TeamConnection) => c.doc.getMap('cards');
    for (let i = 0; i < 20; i++) cards(a).set(`before-${i}`, 'Ana');
    await waitFor(() => (cards(b).size === 20 ? true : undefined));

    // Ana goes on typing while the server dies; Ben edits while it is down
    const typing = (async () => {
      for (let i = 0; i < 40; i++) {
        cards(a).set(`during-${i}`, 'Ana');
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    first.child.kill('SIGKILL');
    await typing;
    cards(b).set('while-down', 'Ben');

    const again = await startCliProcess(['team-server', '--port', String(port), '--data', data]);
    onCleanup(() => again.stop());
    await waitFor(() => (cards(a).size === 61 && cards(b).size === 61 ? true : undefined), 30_000, 'both members back with every edit');
    await again.stop();
    const store = new TeamServerStore(join(data, 'team-server.db'));
    onCleanup(() => store.close());
    const stored = new Y.Doc();
    Y.applyUpdate(stored, store.loadDocument(team)!);
    expect(stored.getMap('cards').size).toBe(61);
  });

  it('with --redis, says it relays through Redis (without its password); a Redis that does not answer, or a malformed address, is a clear error', async () => {
    const redis = await redisForTests();
    const withPassword = redis.replace('redis://', 'redis://:hunter2@');
    const server = await startCliProcess(['team-server', '--port', '0', '--data', tempDir(), '--redis', withPassword]);
    onCleanup(() => server.stop());
    expect((server.first as { redis: string }).redis).toBe(redis.replace('redis://', 'redis://:***@'));
    await connect((server.first as { url: string }).url, newId(), member('Ana', newSecret())).synced();

    const run = cli(tempDir());
    expect(await run.run('team-server', '--port', '0', '--redis', 'localhost:6379')).toBe(2);
    expect(run.text()).toMatch(/--redis must be a Redis address such as redis:\/\/127\.0\.0\.1:6379/);
    expect(await run.run('team-server', '--port', '0', '--redis', 'redis://:hunter2@127.0.0.1:1')).toBe(1);
    expect(run.text()).toMatch(/Redis at redis:\/\/127\.0\.0\.1:1 did not answer \(.*ECONNREFUSED/);
    expect(run.text()).not.toContain('hunter2');
  });
});
