// Team review figures for npm run bench: a new member receiving a 5,000-card board, an approval
// reaching another member, the team server's memory with 20 members connected.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { TeamConnection } from '../../src/main/core/team/client';
import { newId, newSecret } from '../../src/main/core/team/credentials';
import * as Y from 'yjs';
import { createEngine } from '../../src/main/core';
import { BoardSync } from '../../src/main/core/team/board-sync';
import { decide, putCard, readCard } from '../../src/main/core/team/shared-board';
import { startLoopbackRedis } from '../helpers/loopback-redis';
import { startCliProcess } from '../helpers/serve';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await wait(2);
  }
}

/** Approves the first `count` cards one at a time on `from`: the median and p95 ms until each reaches `to`. */
async function approvalLatencies(from: Y.Doc, to: Y.Doc, count: number): Promise<{ p50: number; p95: number }> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const key = `topic-${i}`;
    const t = performance.now();
    decide(from, key, { member: 'bench', name: 'Approver' }, 'approve');
    await until(() => readCard(to, key).decisions.length === 1, 'an approval');
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  return { p50: latencies[Math.floor(count / 2)]!, p95: latencies[Math.floor(count * 0.95)]! };
}

/** Resident memory of a process in MB (Linux /proc; null elsewhere). */
function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** A shared board of `cards` cards (every tenth approved), as a learner would put it on the server. */
function sharedBoard(doc: Y.Doc, cards: number): void {
  doc.transact(() => {
    for (let i = 0; i < cards; i++) {
      putCard(doc, {
        key: `topic-${i}`,
        kind: 'new',
        title: `How to change setting ${i}`,
        labels: ['billing'],
        evidence: Array.from({ length: 5 }, (_, k) => ({
          externalId: `Z-${i * 5 + k}`,
          link: `https://acme.zendesk.com/agent/tickets/${i * 5 + k}`,
          question: `Where do I change setting ${i}? I looked everywhere in the app and could not find it.`,
          answer: `Open Settings, then Account, then setting ${i}; changes apply at once.`,
        })),
        body: `## Steps\n\n1. Open Settings.\n2. Choose Account.\n3. Change setting ${i}.\n\nChanges apply at once.`.repeat(3),
      });
      if (i % 10 === 0) decide(doc, `topic-${i}`, { member: 'learner', name: 'Ana' }, 'approve');
    }
  });
}

/**
 * A member's machine taking a shared board into its workspace: the first pass (every card becomes
 * a draft, the approved ones articles), then the median pass after one teammate's decision.
 */
export async function boardSyncFigures(cards = 5_000, passes = 7) {
  const dataDir = mkdtempSync(joinPath(tmpdir(), 'tideline-team-sync-bench-'));
  const handle = createEngine({ dataDir, host: 'cli' });
  try {
    await handle.engine.dispatch('workspace.create', { name: 'Member' });
    const doc = new Y.Doc();
    sharedBoard(doc, cards);
    const sync = new BoardSync(handle.workspaces.requireCurrent().db, doc, { member: 'member', name: 'Ben', learner: false });
    let started = performance.now();
    sync.reconcile();
    const firstSeconds = (performance.now() - started) / 1000;
    const times: number[] = [];
    for (let i = 0; i < passes; i++) {
      decide(doc, `topic-${i * 10 + 1}`, { member: 'learner', name: 'Ana' }, 'reject', { reason: 'Covered elsewhere' });
      started = performance.now();
      sync.reconcile();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { cards, firstSeconds, passMs: times[Math.floor(times.length / 2)]! };
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function teamFigures(cards = 5_000, approvals = 40, members = 20) {
  const data = mkdtempSync(joinPath(tmpdir(), 'tideline-team-bench-'));
  const server = await startCliProcess(['team-server', '--port', '0', '--data', data]);
  const { url } = server.first as { url: string };
  const team = newId();
  const secret = newSecret();
  const join = (name: string) => new TeamConnection(url, team, { member: newId(), name, key: newSecret(), secret });
  const connections: TeamConnection[] = [];
  try {
    const learner = join('Learner');
    connections.push(learner);
    await learner.synced();
    const idle = rssMb(server.child.pid!);
    sharedBoard(learner.doc, cards);
    await until(() => learner.settled, 'the board reaching the server');

    const started = performance.now();
    const newcomer = join('Newcomer');
    connections.push(newcomer);
    await newcomer.synced(120_000);
    await until(() => newcomer.doc.getMap('cards').size === cards, 'the whole board');
    const receiveSeconds = (performance.now() - started) / 1000;

    const latencies = await approvalLatencies(learner.doc, newcomer.doc, approvals);

    for (let i = connections.length; i < members; i++) connections.push(join(`Lead ${i}`));
    await Promise.all(connections.map((c) => c.synced(120_000)));
    await wait(500);
    return {
      cards,
      receiveSeconds,
      approvalP50: latencies.p50,
      approvalP95: latencies.p95,
      members,
      idleMb: idle,
      serverMb: rssMb(server.child.pid!),
    };
  } finally {
    for (const c of connections) c.destroy();
    await server.stop();
    rmSync(data, { recursive: true, force: true });
  }
}

/**
 * Two team server processes on one data folder relaying through Redis (a real one given as
 * TIDELINE_BENCH_REDIS=redis://…, else the tests' loopback stand-in): how long an approval takes
 * from a member on one process to a member on the other.
 */
export async function relayFigures(approvals = 100) {
  const data = mkdtempSync(joinPath(tmpdir(), 'tideline-relay-bench-'));
  const standIn = process.env.TIDELINE_BENCH_REDIS ? null : await startLoopbackRedis();
  const redis = process.env.TIDELINE_BENCH_REDIS ?? standIn!.url;
  const servers = [
    await startCliProcess(['team-server', '--port', '0', '--data', data, '--redis', redis]),
    await startCliProcess(['team-server', '--port', '0', '--data', data, '--redis', redis]),
  ];
  const team = newId();
  const secret = newSecret();
  const [ana, ben] = servers.map(
    (s, i) =>
      new TeamConnection((s.first as { url: string }).url, team, { member: newId(), name: ['Ana', 'Ben'][i]!, key: newSecret(), secret }),
  ) as [TeamConnection, TeamConnection];
  try {
    await ana.synced();
    await ben.synced();
    sharedBoard(ana.doc, approvals);
    await until(() => ben.doc.getMap('cards').size === approvals, 'the board on the other process');
    return { real: standIn === null, ...(await approvalLatencies(ana.doc, ben.doc, approvals)) };
  } finally {
    ana.destroy();
    ben.destroy();
    for (const s of servers) await s.stop();
    await standIn?.close();
    rmSync(data, { recursive: true, force: true });
  }
}
