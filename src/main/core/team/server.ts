import { Database } from '@hocuspocus/extension-database';
import { Server, type Connection, type Document } from '@hocuspocus/server';
import { join } from 'node:path';
import { parseCredentials } from './credentials';
import { TeamServerStore, type MemberRow } from './server-store';

export const DEFAULT_TEAM_PORT = 4870;

/** Failed attempts one address may make in FAILURE_WINDOW_MS before it is refused until the window passes. */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 60_000;

export interface TeamServerOptions {
  /** Where the server keeps its file (team-server.db). */
  dataDir: string;
  port?: number;
  /** Loopback unless told otherwise. */
  host?: string;
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

/** Counts failed authentications per address in a sliding window. */
class FailedAttempts {
  private readonly byAddress = new Map<string, number[]>();

  blocked(address: string, at = Date.now()): boolean {
    return this.recent(address, at).length >= MAX_FAILURES;
  }

  record(address: string, at = Date.now()): void {
    this.byAddress.set(address, [...this.recent(address, at), at]);
  }

  private recent(address: string, at: number): number[] {
    const kept = (this.byAddress.get(address) ?? []).filter((t) => at - t < FAILURE_WINDOW_MS);
    if (kept.length) this.byAddress.set(address, kept);
    else this.byAddress.delete(address);
    return kept;
  }
}

const memberOf = (c: Connection) => (c.context as { member?: string }).member;

/**
 * The team server: Hocuspocus with one Yjs document per team, kept in the server's own SQLite
 * file. A connection is let in when its document is its team and it presents a member's key,
 * or the team secret to join (the first member to present a secret for an unknown team id
 * creates the team). Members may ask for the member list and remove a member (which revokes that
 * member's key, rotates the team secret and closes the member's connections).
 */
export async function startTeamServer(options: TeamServerOptions): Promise<RunningTeamServer> {
  const store = new TeamServerStore(join(options.dataDir, 'team-server.db'));
  const failures = new FailedAttempts();
  const documents = new Map<string, Document>();
  const host = options.host ?? '127.0.0.1';

  const server = new Server({
    name: 'tideline-team',
    port: options.port ?? DEFAULT_TEAM_PORT,
    address: host,
    quiet: true,
    stopOnSignals: false,
    extensions: [
      new Database({
        fetch: async ({ documentName }) => store.loadDocument(documentName),
        store: async ({ documentName, state }) => store.storeDocument(documentName, state),
      }),
    ],
    async onAuthenticate({ token, documentName, request }) {
      const address = request.socket.remoteAddress ?? 'unknown';
      if (failures.blocked(address)) throw new Refusal('too-many-attempts');
      const refuse = (reason: string) => {
        failures.record(address);
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
        if (!store.hasTeam(team)) store.createTeam(team, credentials.secret);
        else if (!store.secretMatches(team, credentials.secret)) throw refuse('bad-secret');
        store.addMember(team, credentials.member, credentials.name, credentials.key);
      }
      store.seen(team, credentials.member, credentials.name);
      return { member: credentials.member, name: credentials.name };
    },
    async afterLoadDocument({ documentName, document }) {
      documents.set(documentName, document);
    },
    async afterUnloadDocument({ documentName }) {
      documents.delete(documentName);
    },
    async onDisconnect({ documentName, context }) {
      const { member, name } = context as { member?: string; name?: string };
      if (member && name) store.seen(documentName, member, name);
    },
    async onStateless({ connection, documentName, document, payload }) {
      const message = JSON.parse(payload) as { type?: string; member?: string; secret?: string };
      const online = new Set(document.getConnections().map(memberOf));
      if (message.type === 'members') {
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
        for (const c of document.getConnections()) if (memberOf(c) === message.member) c.close({ code: 4403, reason: 'removed' });
        connection.sendStateless(JSON.stringify({ type: 'removed', member: message.member, removed }));
      }
    },
  });
  await server.listen();
  const port = server.address.port;
  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    host,
    store,
    async close() {
      // closing a WebSocket server leaves its sockets open: end them, as a stopped process would
      for (const socket of server.webSocketServer.clients) socket.terminate();
      await server.destroy();
      documents.clear();
      store.close();
    },
  };
}
