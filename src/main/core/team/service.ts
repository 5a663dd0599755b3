import type { TeamInvite, TeamLooking, TeamStatus } from '../../../shared/domain/team';
import type { Workspace } from '../../../shared/domain/workspace';
import { AppError } from '../../../shared/api/errors';
import type { Engine } from '../app';
import type { DB } from '../db/open';
import { recordTraffic } from '../privacy/egress';
import type { SecretStore } from '../secrets/store';
import { setSetting } from '../system/settings';
import { TEAM_KEY, teamConfig, type TeamConfig } from './config';
import type { OpenWorkspace, Workspaces } from '../workspace/workspaces';
import { BoardSync } from './board-sync';
import { decodeInvite, encodeInvite, refusalMessage, TeamConnection, type Presence } from './client';
import { newId, newSecret } from './credentials';
import { cardKeys } from './shared-board';

interface Live {
  ws: OpenWorkspace;
  config: TeamConfig;
  connection: TeamConnection;
  sync: BoardSync;
  members: NonNullable<TeamStatus['team']>['members'];
  /** What the other members have open, as their awareness last said. */
  presence: Presence[];
  timer: NodeJS.Timeout | null;
  meter: NodeJS.Timeout;
}

/** The team server's traffic goes to the egress log once a minute (a row per minute with traffic), and when the connection ends. */
const TRAFFIC_EVERY_MS = 60_000;

function logTraffic(db: DB, server: string, connection: TeamConnection): void {
  const traffic = connection.takeTraffic();
  if (!traffic.out && !traffic.in) return;
  try {
    recordTraffic(db, {
      url: new URL(server),
      role: 'team-server',
      purpose: 'Team review: drafts, redacted snippets and decisions',
      outcome: 'sent',
      bytesOut: traffic.out,
      bytesIn: traffic.in,
    });
  } catch {
    // a workspace that takes no writes (damaged) keeps no log; the sync itself is unaffected
  }
}

const secretName = (workspace: string, what: 'key' | 'secret') => `team.${workspace}.${what}`;

const DONE: Record<string, string> = { approve: 'approved', reject: 'rejected', reopen: 'reopened' };

/** Calls after which the local board or knowledge base may differ from the shared one (reads are left out). */
const BOARD_CALLS =
  /^(drafts\.(approve|reject|move|edit|label|merge|split|start|publish)|review\.undo|articles\.(edit|archive|restore|import))$/;

/**
 * Connects the open workspace to its team, when it has one, and keeps the board in step: after
 * each review call here, after each learning run, and whenever the shared document changes.
 */
export class TeamService {
  private live: Live | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly workspaces: Workspaces,
    private readonly secrets: SecretStore,
  ) {
    workspaces.onOpen((ws) => this.start(ws));
    workspaces.onClose(() => this.stop());
    engine.watchCalls((method) => {
      if (BOARD_CALLS.test(method)) this.reconcileSoon(0);
    });
    engine.on((event, payload) => {
      // learning puts new cards on the board; an export, where an article was published
      if (event === 'job.done' && /^(learn|export)\./.test((payload as { kind: string }).kind)) this.reconcileSoon(0);
    });
    const open = workspaces.openNow;
    if (open) this.start(open);
  }

  private config(ws: OpenWorkspace): TeamConfig | null {
    return teamConfig(ws.db);
  }

  private start(ws: OpenWorkspace): void {
    this.stop();
    const config = this.config(ws);
    if (!config) return;
    const key = this.secrets.get(secretName(ws.id, 'key'));
    if (!key) return;
    const doc = BoardSync.load(ws.db);
    const connection = new TeamConnection(config.server, config.id, { member: config.member, name: config.name, key }, doc);
    const live: Live = {
      ws,
      config,
      connection,
      sync: new BoardSync(ws.db, doc, config),
      members: [],
      presence: [],
      timer: null,
      meter: setInterval(() => logTraffic(ws.db, config.server, connection), TRAFFIC_EVERY_MS),
    };
    this.live = live;
    connection.onPresence((presence) => {
      live.presence = presence;
      if (this.live === live) this.engine.emit('team.presence', { looking: this.looking(live) });
    });
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      // changes that came from the server: apply them to the local board shortly (they arrive in bursts)
      if (origin !== null && origin !== undefined && this.live === live) this.reconcileSoon(100);
    });
  }

  private stop(): void {
    if (!this.live) return;
    if (this.live.timer) clearTimeout(this.live.timer);
    clearInterval(this.live.meter);
    logTraffic(this.live.ws.db, this.live.config.server, this.live.connection);
    this.live.connection.destroy();
    this.live = null;
  }

  private reconcileSoon(delayMs: number): void {
    const live = this.live;
    if (!live || live.timer) return;
    live.timer = setTimeout(() => {
      live.timer = null;
      if (this.live !== live) return;
      try {
        this.reconcile(live);
      } catch (error) {
        this.engine.emit('app.notice', {
          level: 'error',
          message: `The team board could not be brought up to date: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }, delayMs);
  }

  /** One sync pass, and what the windows should hear of it. */
  private reconcile(live: Live): void {
    const changed = live.sync.reconcile();
    for (const c of changed.crossed)
      this.engine.emit('app.notice', {
        level: 'info',
        message: `You ${DONE[c.action] ?? c.action} “${c.title}” while ${c.byName} ${DONE[c.byAction] ?? c.byAction} it: ${c.byName}’s decision stands for the team. Both are in the card’s history.`,
      });
    if (changed.received || changed.applied || changed.updated) {
      this.engine.emit('team.changed', { received: changed.received, applied: changed.applied });
      // a card that arrived after its looker's awareness can be named now
      if (changed.received && live.presence.length) this.engine.emit('team.presence', { looking: this.looking(live) });
    }
  }

  /** Runs a reconcile now and waits until the board is in step with the server (or `timeoutMs`). */
  async flush(timeoutMs = 10_000): Promise<void> {
    const live = this.live;
    if (!live) return;
    this.reconcile(live);
    if (live.connection.status === 'refused') return;
    await live.connection.synced(timeoutMs);
    await this.settle(live, timeoutMs);
    this.reconcile(live);
  }

  /** Before closing: local changes the server has not got yet are sent, waiting at most `timeoutMs` (they are kept in the workspace anyway). */
  async pushPending(timeoutMs: number): Promise<void> {
    const live = this.live;
    if (!live) return;
    this.reconcile(live);
    if (live.connection.status !== 'refused') await this.settle(live, timeoutMs);
  }

  private async settle(live: Live, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!live.connection.settled && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  async status(): Promise<TeamStatus> {
    const live = this.live;
    const ws = this.workspaces.current();
    const config = ws ? this.config(ws) : null;
    if (!config) return { team: null };
    if (live && live.connection.status === 'online') live.members = await this.members(live).catch(() => live.members);
    const connection = live?.connection.status ?? 'offline';
    return {
      team: {
        server: config.server,
        id: config.id,
        member: config.member,
        name: config.name,
        learner: config.learner,
        connection,
        problem: connection === 'refused' ? refusalMessage(live!.connection.refusedBecause) : null,
        cards: live ? cardKeys(live.sync.doc).length : 0,
        members: live?.members ?? [],
        looking: live ? this.looking(live) : [],
      },
    };
  }

  /** The local drafts other members have open, with who. */
  private looking(live: Live): TeamLooking[] {
    const byDraft = new Map<number, Set<string>>();
    for (const p of live.presence) {
      const draftId = live.sync.draftOf(p.card);
      if (draftId === null) continue;
      byDraft.set(draftId, (byDraft.get(draftId) ?? new Set()).add(p.name));
    }
    return [...byDraft].map(([draftId, names]) => ({ draftId, names: [...names].sort() }));
  }

  /** Tells the team which card this member has open. */
  look(draftId: number | null): void {
    const live = this.live;
    if (!live) return;
    live.connection.look(draftId === null ? null : live.sync.cardOf(draftId));
  }

  /** Gives cards to a member ('me': this one) or to nobody; works offline, syncing later like any change. */
  async assign(draftIds: number[], member: string | null): Promise<{ assigned: number }> {
    const live = this.requireLive();
    const id = member === 'me' ? live.config.member : member;
    let to: { member: string; name: string } | null = null;
    if (id !== null) {
      const find = () =>
        id === live.config.member ? { member: id, name: live.config.name } : live.members.find((m) => m.member === id && !m.removedAt);
      if (!find() && live.connection.status !== 'refused') live.members = await this.members(live).catch(() => live.members);
      to = find() ?? null;
      if (!to)
        throw new AppError(
          'VALIDATION',
          live.connection.status === 'online'
            ? 'Cards can be given to a current member of the team only (tideline team status, or Settings → Team, lists them).'
            : 'Offline, cards can be given to yourself only: who is in the team comes from the team server.',
        );
      to = { member: to.member, name: to.name };
    }
    const assigned = live.sync.assign(draftIds, to);
    if (!assigned) throw new AppError('VALIDATION', 'None of these cards is on the shared board yet.');
    this.reconcile(live);
    return { assigned };
  }

  private async members(live: Live): Promise<Live['members']> {
    return (await live.connection.members()).map((m) => ({ ...m, you: m.member === live.config.member }));
  }

  async share(server: string, name: string): Promise<TeamStatus & TeamInvite> {
    const ws = this.workspaces.requireCurrent();
    if (this.config(ws)) throw new AppError('CONFLICT', 'This workspace is shared with a team already (Settings → Team).');
    const secret = newSecret();
    const config: TeamConfig = { server, id: newId(), member: newId(), name, learner: true, workspaceName: this.nameOf(ws.id) };
    await this.enter(ws, config, secret);
    return { ...(await this.status()), invite: encodeInvite({ server, team: config.id, secret, workspace: config.workspaceName }) };
  }

  async join(invite: string, name: string): Promise<TeamStatus & { workspace: Workspace }> {
    const { server, team, secret, workspace: sharedName } = decodeInvite(invite);
    const workspace = this.workspaces.create(sharedName ?? `Team ${team.slice(0, 6)}`, true);
    const ws = this.workspaces.requireCurrent();
    try {
      await this.enter(ws, { server, id: team, member: newId(), name, learner: false, workspaceName: workspace.name }, secret);
    } catch (error) {
      this.stop();
      this.workspaces.delete(workspace.id);
      throw error;
    }
    this.engine.emit('workspace.changed', { current: this.workspaces.currentWorkspace() });
    return { ...(await this.status()), workspace: this.workspaces.currentWorkspace()! };
  }

  /** Registers this machine as a member (with the team secret, once), then syncs the board. */
  private async enter(ws: OpenWorkspace, config: TeamConfig, secret: string): Promise<void> {
    const key = newSecret();
    const probe = new TeamConnection(config.server, config.id, { member: config.member, name: config.name, key, secret });
    try {
      await probe.synced();
    } catch (error) {
      throw new AppError(
        'UNAVAILABLE',
        error instanceof AppError && /refused/.test(error.message)
          ? error.message
          : `The team server at ${config.server} did not answer: is it running (npx tideline team-server) and reachable from here?`,
      );
    } finally {
      logTraffic(ws.db, config.server, probe);
      probe.destroy();
    }
    this.secrets.set(secretName(ws.id, 'key'), key);
    this.secrets.set(secretName(ws.id, 'secret'), secret);
    setSetting(ws.db, TEAM_KEY, config);
    this.start(ws);
    await this.flush();
  }

  async removeMember(member: string): Promise<TeamStatus & TeamInvite> {
    const live = this.requireLive();
    if (member === live.config.member) throw new AppError('VALIDATION', 'To stop taking part yourself, use Leave the team.');
    if (live.connection.status !== 'online') throw new AppError('UNAVAILABLE', 'Removing a member needs the team server: you are offline.');
    const secret = newSecret();
    if (!(await live.connection.remove(member, secret)))
      throw new AppError('NOT_FOUND', 'That member is not in the team (or was removed already).');
    this.secrets.set(secretName(live.ws.id, 'secret'), secret);
    live.members = await this.members(live);
    return { ...(await this.status()), invite: this.invite() };
  }

  /** The current invite (the team secret may have been rotated since sharing). */
  invite(): string {
    const live = this.requireLive();
    const secret = this.secrets.get(secretName(live.ws.id, 'secret'));
    if (!secret) throw new AppError('CONFLICT', 'This machine does not hold the team secret any more: ask a member for an invite.');
    return encodeInvite({ server: live.config.server, team: live.config.id, secret, workspace: live.config.workspaceName });
  }

  async leave(): Promise<TeamStatus> {
    const ws = this.workspaces.requireCurrent();
    if (!this.config(ws)) throw new AppError('CONFLICT', 'This workspace is not shared with a team.');
    await this.pushPending(3_000);
    this.stop();
    ws.db.prepare(`DELETE FROM settings WHERE key = ?`).run(TEAM_KEY);
    ws.db.prepare('DELETE FROM team_state').run();
    ws.db.prepare('DELETE FROM team_updates').run();
    ws.db.prepare('DELETE FROM team_cards').run();
    ws.db.prepare('DELETE FROM team_articles').run();
    this.secrets.delete(secretName(ws.id, 'key'));
    this.secrets.delete(secretName(ws.id, 'secret'));
    return { team: null };
  }

  private requireLive(): Live {
    if (!this.live) throw new AppError('CONFLICT', 'This workspace is not shared with a team.');
    return this.live;
  }

  private nameOf(id: string): string {
    return this.workspaces.list().find((w) => w.id === id)?.name ?? id;
  }

  close(): void {
    this.stop();
  }
}
