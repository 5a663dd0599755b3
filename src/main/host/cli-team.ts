import { userInfo } from 'node:os';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { TeamStatus } from '../../shared/domain/team';

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export class TeamUsageError extends Error {}

const TEAM_USAGE =
  'Use: tideline team share --server ws://HOST:PORT [--name N] | join <invite> [--name N] | status | assign <draft id>... --to me|nobody|MEMBER | remove <member> | leave';

function defaultName(): string {
  try {
    return userInfo().username || 'Lead';
  } catch {
    return 'Lead';
  }
}

export function describeTeam(status: TeamStatus): string {
  const t = status.team;
  if (!t) return 'This workspace is not shared with a team. Share it: tideline team share --server ws://HOST:4870';
  const connection = {
    online: 'online',
    connecting: 'connecting',
    offline: 'offline — changes wait here and sync when the team server is back',
    refused: `refused: ${t.problem ?? ''}`,
  }[t.connection];
  const lines = [
    `Team server: ${t.server} (${connection})`,
    `You: ${t.name} (${t.member}), ${t.learner ? 'learning from the helpdesk and putting cards on the board' : 'reviewing the board'}`,
    `Shared board: ${t.cards} cards`,
  ];
  if (t.members.length) {
    lines.push('Members:');
    for (const m of t.members)
      lines.push(
        `  ${m.member.padEnd(14)} ${m.name}${m.you ? ' (you)' : ''} — ${m.removedAt ? `removed ${m.removedAt.slice(0, 16).replace('T', ' ')}` : m.online ? 'online' : `last seen ${m.lastSeenAt.slice(0, 16).replace('T', ' ')} UTC`}`,
      );
  }
  return lines.join('\n');
}

/** `tideline team …`: share the workspace, join from an invite, see the team, remove a member, leave. */
export async function teamCommand(
  call: Call,
  sub: string | undefined,
  args: string[],
  flags: { server?: string; name?: string; to?: string; json: boolean },
  out: (text: string) => void,
): Promise<number> {
  const print = (value: unknown, human: () => string) => out(flags.json ? JSON.stringify(value, null, 2) : human());
  const name = flags.name ?? defaultName();
  switch (sub) {
    case 'share': {
      if (!flags.server) throw new TeamUsageError('Say where the team server is: tideline team share --server ws://HOST:4870');
      const shared = await call('team.share', { server: flags.server, name });
      print({ invite: shared.invite, team: shared.team }, () =>
        [
          describeTeam(shared),
          '',
          'Invite (send it privately to each lead who should review with you; it holds the team secret and is shown only now):',
          shared.invite,
          '',
          'They join with: tideline team join <invite>, or Settings → Team in the app.',
        ].join('\n'),
      );
      return 0;
    }
    case 'join': {
      const [invite] = args;
      if (!invite) throw new TeamUsageError('Paste the invite: tideline team join tideline-team:…');
      const joined = await call('team.join', { invite, name });
      print(joined, () => `Joined: workspace "${joined.workspace.name}" (${joined.workspace.id}) is now in use.\n${describeTeam(joined)}`);
      return 0;
    }
    case 'status':
    case undefined: {
      const status = await call('team.status', {});
      print(status, () => describeTeam(status));
      return 0;
    }
    case 'assign': {
      const ids = args.map(Number);
      if (!ids.length || ids.some((id) => !Number.isInteger(id) || id <= 0) || !flags.to)
        throw new TeamUsageError('Say which cards and to whom: tideline team assign <draft id>... --to me|nobody|MEMBER');
      const member = flags.to === 'nobody' ? null : flags.to;
      const done = await call('team.assign', { ids, member });
      print(done, () =>
        member === null
          ? `${done.assigned} card(s) no longer assigned.`
          : `${done.assigned} card(s) assigned to ${member === 'me' ? 'you' : member}.`,
      );
      return 0;
    }
    case 'remove': {
      const [member] = args;
      if (!member) throw new TeamUsageError('Say which member (the id tideline team status lists): tideline team remove <member>');
      const removed = await call('team.removeMember', { member });
      print({ invite: removed.invite, team: removed.team }, () =>
        [
          `Removed ${member}: their key no longer works, and the team secret changed.`,
          'New invite for anyone who should join from now on (older invites stop working):',
          removed.invite,
        ].join('\n'),
      );
      return 0;
    }
    case 'leave': {
      const left = await call('team.leave', {});
      print(left, () => 'This workspace is no longer shared from this computer; its drafts and articles stay.');
      return 0;
    }
    default:
      throw new TeamUsageError(TEAM_USAGE);
  }
}
