import { Database } from '@hocuspocus/extension-database';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { Server, type Connection, type Document, type Extension } from '@hocuspocus/server';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseCredentials } from './credentials';
import { TeamServerStore, type MemberRow, type ServerProcess } from './server-store';

export const DEFAULT_TEAM_PORT = 4870;

/** Failed attempts one address may make in FAILURE_WINDOW_MS before it is refused until the window passes. */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 60_000;

/** How often a process says it is running and closes the connections of members removed through another process. */
export const HEARTBEAT_MS = 2_000;
/** A process not heard from for this long is taken as stopped (its members show offline). */
const ALIVE_MS = 5 * HEARTBEAT_MS;

export interface TeamServerOptions {
  /** Where the server keeps its file (team-server.db). */
  dataDir: string;
  port?: number;
  /** Loopback unless told otherwise. */
  host?: string;
  /**
   * A Redis address (redis://host:port): several processes sharing one `dataDir` relay each
   * other's edits and presence through it (Hocuspocus's Redis extension), so a load balancer may
   * send each member to any of them.
   */
  redis?: string;
}

export interface RunningTeamServer {
  url: string;
  port: number;
  host: string;
  store: TeamServerStore;
  close(): Promise<void>;
}

/** Member list as the server sends it in answer to {"type":"members"}. */
export interface TeamMembersMessage {
  type: 'members';
  members: (MemberRow & { online: boolean })[];
}

class Refusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

interface MemberContext {
  member?: string;
  name?: string;
  /** Counted among the process's connections (see TeamServerStore.connected). */
  counted?: boolean;
}

const memberOf = (c: Connection) => (c.context as MemberContext).member;

/** A Redis address as it may be shown: without the user and password. */
const withoutCredentials = (url: string) => url.replace(/\/\/[^@/]*@/, '//');

/** Fails with a clear message when Redis does not answer, rather than a server whose edits reach no other process. */
async function checkRedis(url: string): Promise<void> {
  const client = new IORedis(url, { lazyConnect: true, connectTimeout: 5_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // the connection's own error (ECONNREFUSED…) says more than the rejected connect ("Connection is closed")
  let cause: unknown = null;
  client.on('error', (error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const why = cause ?? error;
    throw new Error(`Redis at ${withoutCredentials(url)} did not answer (${why instanceof Error ? why.message : String(why)}).`);
  } finally {
    client.disconnect();
  }
}

/** Which Redis a process relays through: host, port and database, never the password. */
function relayOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 6379}/${u.pathname.replace(/^\//, '') || 0}`;
}

/** Whether a process is still running: a crashed one's heartbeat stays recent for a few seconds, so one on this machine is asked directly. */
function running(p: ServerProcess): boolean {
  if (p.host !== hostname()) return true;
  try {
    process.kill(p.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Processes on one data folder see each other's edits only through one Redis: a process that
 * would not (no --redis, or another Redis) is refused at start, rather than splitting a team.
 */
function refuseDivergentNeighbours(others: ServerProcess[], relay: string | null, dataDir: string): void {
  const other = others.filter(running).find((o) => o.relay !== relay || relay === null);
  if (!other) return;
  throw new Error(
    `Another team server (process ${other.pid} on ${other.host}) is using ${dataDir}` +
      (other.relay
        ? ` and relays through Redis at ${other.relay}: start this one with the same --redis.`
        : ': stop it first, or start every process on this folder with one --redis.'),
  );
}

/** Relays documents between processes through Redis; its own two connections end with the server. */
function redisRelay(url: string, processId: string): Extension {
  const shown = withoutCredentials(url);
  const client = () => {
    const redis = new IORedis(url, { maxRetriesPerRequest: null, disableClientInfo: true });
    // ioredis retries on its own; say once that Redis went away and once that it is back
    let down = false;
    redis.on('error', (error: Error) => {
      if (!down) console.error(`Redis at ${shown} is unreachable (${error.message}); retrying.`);
      down = true;
    });
    redis.on('ready', () => {
      if (down) console.error(`Redis at ${shown} is reachable again.`);
      down = false;
    });
    return redis;
  };
  return new RedisExtension({
    createClient: client,
    prefix: 'tideline-team',
    identifier: processId,
  });
}

/**
 * The team server: Hocuspocus with one Yjs document per team, kept in the server's own SQLite
 * file. A connection is let in when its document is its team and it presents a member's key,
 * or the team secret to join (the first member to present a secret for an unknown team id
 * creates the team). Members may ask for the member list and remove a member (which revokes that
 * member's key, rotates the team secret and closes the member's connections).
 *
 * With `redis`, several processes serve the same teams from one data folder (see TeamServerStore).
 */
export async function startTeamServer(options: TeamServerOptions): Promise<RunningTeamServer> {
  if (options.redis) await checkRedis(options.redis);
  const store = new TeamServerStore(join(options.dataDir, 'team-server.db'));
  const processId = `process-${randomUUID()}`;
  const relay = options.redis ? relayOf(options.redis) : null;
  try {
    refuseDivergentNeighbours(store.otherProcesses(processId, Date.now() - ALIVE_MS), relay, options.dataDir);
  } catch (error) {
    store.close();
    throw error;
  }
  const documents = new Map<string, Document>();
  const host = options.host ?? '127.0.0.1';
  const blocked = (address: string) => store.failuresSince(address, Date.now() - FAILURE_WINDOW_MS) >= MAX_FAILURES;
  const recordFailure = (address: string) => store.recordFailure(address, Date.now(), Date.now() - FAILURE_WINDOW_MS);
  /** Closes the connections of members removed (here or through another process). */
  const closeRemoved = (team: string, document: Document) => {
    const removed = new Set(
      store
        .members(team)
        .filter((m) => m.removedAt)
        .map((m) => m.member),
    );
    for (const c of document.getConnections()) if (removed.has(memberOf(c) ?? '')) c.close({ code: 4403, reason: 'removed' });
  };
  const beat = () => {
    store.heartbeat(processId, { relay, host: hostname(), pid: process.pid }, Date.now(), Date.now() - 100 * ALIVE_MS);
    for (const [team, document] of documents) closeRemoved(team, document);
  };
  beat();
  const heartbeat = setInterval(beat, HEARTBEAT_MS);
  heartbeat.unref();

  const server = new Server({
    name: 'tideline-team',
    port: options.port ?? DEFAULT_TEAM_PORT,
    address: host,
    quiet: true,
    stopOnSignals: false,
    extensions: [
      ...(options.redis ? [redisRelay(options.redis, processId)] : []),
      new Database({
        fetch: async ({ documentName }) => store.loadDocument(documentName),
        store: async ({ documentName, state }) => store.storeDocument(documentName, state),
      }),
    ],
    async onAuthenticate({ token, documentName, request }) {
      const address = request.socket.remoteAddress ?? 'unknown';
      if (blocked(address)) throw new Refusal('too-many-attempts');
      const refuse = (reason: string) => {
        recordFailure(address);
        return new Refusal(reason);
      };
      const credentials = parseCredentials(token);
      if (!credentials) throw refuse('bad-credentials');
      const team = documentName;
      const state = store.checkMember(team, credentials.member, credentials.key);
      if (state === 'removed') throw refuse('removed');
      if (state === 'refused') throw refuse('bad-credentials');
      if (state === 'unknown') {
        if (!credentials.secret) throw refuse('not-a-member');
        // two members may create one team (or join) at the same moment through two processes: the first write wins
        store.createTeamIfNew(team, credentials.secret);
        if (!store.secretMatches(team, credentials.secret)) throw refuse('bad-secret');
        store.addMemberIfNew(team, credentials.member, credentials.name, credentials.key);
        if (store.checkMember(team, credentials.member, credentials.key) !== 'ok') throw refuse('bad-credentials');
      }
      store.seen(team, credentials.member, credentials.name);
      return { member: credentials.member, name: credentials.name } satisfies MemberContext;
    },
    async connected({ documentName, context }) {
      const c = context as MemberContext;
      if (!c.member) return;
      store.connected(processId, documentName, c.member, 1);
      c.counted = true;
    },
    async afterLoadDocument({ documentName, document }) {
      documents.set(documentName, document);
    },
    async afterUnloadDocument({ documentName }) {
      documents.delete(documentName);
    },
    async onDisconnect({ documentName, context }) {
      const c = context as MemberContext;
      if (c.member && c.name) store.seen(documentName, c.member, c.name);
      if (c.member && c.counted) store.connected(processId, documentName, c.member, -1);
      c.counted = false;
    },
    async onStateless({ connection, documentName, document, payload }) {
      const message = JSON.parse(payload) as { type?: string; member?: string; secret?: string };
      if (message.type === 'members') {
        const online = store.online(documentName, Date.now() - ALIVE_MS);
        const answer: TeamMembersMessage = {
          type: 'members',
          members: store.members(documentName).map((m) => ({ ...m, online: online.has(m.member) })),
        };
        connection.sendStateless(JSON.stringify(answer));
      }
      if (message.type === 'remove' && message.member && typeof message.secret === 'string' && message.secret.length >= 16) {
        if (message.member === memberOf(connection)) return;
        const removed = store.removeMember(documentName, message.member);
        store.rotateSecret(documentName, message.secret);
        // here at once; other processes on their next heartbeat
        closeRemoved(documentName, document);
        connection.sendStateless(JSON.stringify({ type: 'removed', member: message.member, removed }));
      }
    },
  });
  try {
    // Hocuspocus leaves a failed listen to the HTTP server's 'error' event
    await new Promise<void>((resolve, reject) => {
      const failed = (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(`Port ${options.port ?? DEFAULT_TEAM_PORT} on ${host} is taken (another team server?): choose another with --port.`)
            : error,
        );
      server.httpServer.once('error', failed);
      server.listen().then(() => {
        server.httpServer.off('error', failed);
        resolve();
      }, reject);
    });
  } catch (error) {
    // the port is taken, say: leave nothing behind that would keep the folder "in use"
    clearInterval(heartbeat);
    store.stopped(processId);
    store.close();
    throw error;
  }
  const port = server.address.port;
  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    host,
    store,
    close: once(async () => {
      clearInterval(heartbeat);
      // closing a WebSocket server leaves its sockets open: end them, as a stopped process would
      for (const socket of server.webSocketServer.clients) socket.terminate();
      await server.destroy();
      documents.clear();
      store.stopped(processId);
      store.close();
    }),
  };
}

/** The first call's promise, on every call: stopping twice stops once. */
function once(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | null = null;
  return () => (stopping ??= stop());
}
