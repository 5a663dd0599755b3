import { startTeamServer } from '../../src/main/core/team/server';
import { warrantyTickets } from './handovers';
import { startLoopbackRedis } from './loopback-redis';
import { importLines, onCleanup, tempDir, testEngine } from './temp';

/** A Redis for the test: the loopback one, or a real one given as TIDELINE_TEST_REDIS=redis://… */
export async function redisForTests(): Promise<string> {
  if (process.env.TIDELINE_TEST_REDIS) return process.env.TIDELINE_TEST_REDIS;
  const redis = await startLoopbackRedis();
  onCleanup(() => redis.close());
  return redis.url;
}

/** A team server on a free loopback port, stopped after the test. */
export async function teamServer() {
  const s = await startTeamServer({ dataDir: tempDir(), port: 0 });
  onCleanup(() => s.close().catch(() => undefined));
  return s;
}

/** The learner's workspace: tickets from the helpdesk and one suggested card. */
export async function learner(tickets = warrantyTickets(0, 4)) {
  const ana = testEngine();
  await ana.call('workspace.create', { name: 'Acme support' });
  await ana.call('learning.configure', { auto: false });
  await importLines(ana, tickets);
  return ana;
}

/** Ana shares her workspace, Ben joins; the team server stops on `stopServer` and comes back, with its data, on `restartServer`. */
export async function teamPair() {
  const dataDir = tempDir();
  let server = await startTeamServer({ dataDir, port: 0 });
  onCleanup(() => server.close().catch(() => undefined));
  const ana = await learner();
  const { invite } = await ana.call('team.share', { server: server.url, name: 'Ana' });
  const ben = testEngine();
  await ben.call('team.join', { invite, name: 'Ben' });
  const [anaCard, benCard] = [(await ana.call('drafts.list', {}))[0]!, (await ben.call('drafts.list', {}))[0]!];
  return {
    ana,
    ben,
    anaCard,
    benCard,
    server: () => server,
    stopServer: () => server.close(),
    async restartServer() {
      server = await startTeamServer({ dataDir, port: server.port });
    },
  };
}

/** The pair with the team server stopped. */
export async function pairWithServerDown() {
  const pair = await teamPair();
  await pair.stopServer();
  return pair;
}
