import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { AppError } from '../../../shared/api/errors';
import type { TeamCredentials } from './credentials';
import type { TeamMembersMessage } from './server';

/** An invite: where the team server is, which team, and the team secret. Shown once, pasted by the new member. */
export interface Invite {
  server: string;
  team: string;
  secret: string;
  /** The shared workspace's name, which a joining member's workspace takes. */
  workspace?: string;
}

const INVITE_PREFIX = 'tideline-team:';

export function encodeInvite(invite: Invite): string {
  return INVITE_PREFIX + Buffer.from(JSON.stringify(invite)).toString('base64url');
}

export function decodeInvite(text: string): Invite {
  const trimmed = text.trim();
  const bad = () =>
    new AppError(
      'VALIDATION',
      'That is not a Tideline team invite: it starts with "tideline-team:" and comes from Settings → Team on a member’s machine.',
    );
  if (!trimmed.startsWith(INVITE_PREFIX)) throw bad();
  try {
    const value = JSON.parse(Buffer.from(trimmed.slice(INVITE_PREFIX.length), 'base64url').toString('utf8')) as Partial<Invite>;
    if (
      typeof value.server !== 'string' ||
      !/^wss?:\/\//.test(value.server) ||
      typeof value.team !== 'string' ||
      typeof value.secret !== 'string'
    )
      throw bad();
    return {
      server: value.server,
      team: value.team,
      secret: value.secret,
      workspace: typeof value.workspace === 'string' ? value.workspace : undefined,
    };
  } catch {
    throw bad();
  }
}

const REFUSALS: Record<string, string> = {
  removed: 'This member was removed from the team: ask a member for a new invite.',
  'bad-secret': 'The invite is no longer valid (the team secret changed): ask a member for a new invite.',
  'bad-credentials': 'The team server did not accept this member’s key.',
  'not-a-member': 'This machine is not a member of the team yet: join with an invite.',
  'too-many-attempts': 'The team server refuses this address for a minute after too many failed attempts.',
};

export function refusalMessage(reason: string | null): string {
  return `The team server refused the connection. ${REFUSALS[reason ?? ''] ?? `(${reason ?? 'no reason given'})`}`;
}

/** Bytes a connection sent and received, as its sockets see them (for the egress log). */
export interface Traffic {
  out: number;
  in: number;
}

/**
 * The socket class the provider opens, counting its traffic into `traffic`. The provider removes
 * its own listeners before closing a socket; a socket closed while still connecting then reports
 * an error nobody listens to, which would end the process. Failures show as closes anyway, so
 * the error event is taken here.
 */
function countingSocket(traffic: Traffic) {
  return class CountingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('error', () => undefined);
      this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
        traffic.in += Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength;
      });
    }

    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      traffic.out += typeof data === 'string' ? Buffer.byteLength(data) : ((data as ArrayBufferLike).byteLength ?? 0);
      (super.send as (...a: unknown[]) => void)(data, ...rest);
    }
  };
}

export type TeamStatus = 'connecting' | 'online' | 'offline' | 'refused';

/** A card another member has open, as their awareness says. */
export interface Presence {
  member: string;
  name: string;
  card: string;
}

/**
 * One member's live connection to the team's shared document. Reconnects by itself after the
 * server or the network comes back; changes made meanwhile stay in the document and sync then.
 */
export class TeamConnection {
  readonly doc: Y.Doc;
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly provider: HocuspocusProvider;
  private state: TeamStatus = 'connecting';
  private refusal: string | null = null;
  private readonly waiting = new Set<(message: Record<string, unknown>) => void>();
  /** Bytes sent and received since the last `takeTraffic`. */
  private traffic: Traffic = { out: 0, in: 0 };
  private presenceListener: ((presence: Presence[]) => void) | null = null;

  constructor(
    server: string,
    team: string,
    private readonly credentials: TeamCredentials,
    doc = new Y.Doc(),
  ) {
    this.doc = doc;
    this.socket = new HocuspocusProviderWebsocket({
      url: server,
      WebSocketPolyfill: countingSocket(this.traffic),
      delay: 200,
      minDelay: 200,
      maxDelay: 5_000,
    });
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: team,
      document: doc,
      token: JSON.stringify(credentials),
      onSynced: () => (this.state = 'online'),
      onDisconnect: () => {
        if (this.state !== 'refused') this.state = 'offline';
      },
      onClose: ({ event }) => {
        // the server closed this document's connection: a removal, or the server going away
        if (event.reason === 'removed') {
          this.state = 'refused';
          this.refusal = 'removed';
          this.socket.shouldConnect = false;
        } else if (this.state !== 'refused') this.state = 'offline';
      },
      onAuthenticationFailed: ({ reason }) => {
        this.state = 'refused';
        this.refusal = reason;
        this.socket.shouldConnect = false;
      },
      onAwarenessChange: ({ states }) => this.presenceListener?.(this.presenceOf(states)),
      onStateless: ({ payload }) => {
        const message = JSON.parse(payload) as Record<string, unknown>;
        for (const listener of [...this.waiting]) listener(message);
      },
    });
    this.provider.attach();
    this.provider.setAwarenessField('member', { member: credentials.member, name: credentials.name });
  }

  /** Tells the other members which card this one has open (null: none). */
  look(card: string | null): void {
    this.provider.setAwarenessField('looking', card);
  }

  /** Calls `listener` with the cards the other members have open, whenever that changes. */
  onPresence(listener: (presence: Presence[]) => void): void {
    this.presenceListener = listener;
  }

  private presenceOf(states: { clientId: number; [key: string]: unknown }[]): Presence[] {
    const seen: Presence[] = [];
    for (const state of states) {
      const who = state.member as { member?: unknown; name?: unknown } | undefined;
      const card = state.looking;
      if (state.clientId === this.doc.clientID || typeof card !== 'string' || typeof who?.member !== 'string') continue;
      if (who.member === this.credentials.member) continue;
      seen.push({ member: who.member, name: typeof who.name === 'string' ? who.name : who.member, card });
    }
    return seen;
  }

  /** The traffic since the last call, and starts counting afresh. */
  takeTraffic(): Traffic {
    const taken = { ...this.traffic };
    this.traffic.out = this.traffic.in = 0;
    return taken;
  }

  get status(): TeamStatus {
    return this.state;
  }

  /** Why the server refused this member ('removed', 'bad-secret', …), once it did. */
  get refusedBecause(): string | null {
    return this.refusal;
  }

  /** Resolves once the shared document is in sync with the server (or rejects when refused). */
  async synced(timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!this.provider.isSynced) {
      if (this.state === 'refused') throw new AppError('UNAVAILABLE', refusalMessage(this.refusal));
      if (Date.now() - started > timeoutMs) throw new AppError('UNAVAILABLE', 'The team server did not answer in time.');
      await new Promise((r) => setTimeout(r, 20));
    }
    this.state = 'online';
  }

  /** Whether every local change has reached the server. */
  get settled(): boolean {
    return this.provider.hasUnsyncedChanges === false;
  }

  /** The members as the server knows them; a status screen asks often, so an unanswered question gives up after 2 s. */
  members(): Promise<TeamMembersMessage['members']> {
    return this.ask({ type: 'members' }, 'members', 2_000).then((m) => (m as unknown as TeamMembersMessage).members);
  }

  /** Removes a member: the server revokes their key, closes their connections and takes `newSecret` as the team secret. */
  async remove(member: string, newSecret: string): Promise<boolean> {
    const answer = await this.ask({ type: 'remove', member, secret: newSecret }, 'removed');
    return answer.removed === true;
  }

  private ask(message: Record<string, unknown>, answerType: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(listener);
        reject(new AppError('UNAVAILABLE', 'The team server did not answer in time.'));
      }, timeoutMs);
      const listener = (answer: Record<string, unknown>) => {
        if (answer.type !== answerType) return;
        clearTimeout(timer);
        this.waiting.delete(listener);
        resolve(answer);
      };
      this.waiting.add(listener);
      this.provider.sendStateless(JSON.stringify(message));
    });
  }

  /** Drops the connection (the document stays as it is); `connect` picks it up again. */
  disconnect(): void {
    this.socket.shouldConnect = false;
    this.socket.disconnect();
  }

  async connect(): Promise<void> {
    this.socket.shouldConnect = true;
    await this.socket.connect();
  }

  destroy(): void {
    this.provider.destroy();
    this.socket.destroy();
  }
}
