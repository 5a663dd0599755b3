import type { DraftSummary, TeamTile } from '../../../shared/domain/draft';
import type { TeamStatus } from '../../../shared/domain/team';
import { AppError } from '../../../shared/api/errors';
import { api } from '../../api';
import { useApp } from '../../stores/app';
import { useBoard } from '../../stores/board';
import { plural } from '../../../shared/plural';

type Team = NonNullable<TeamStatus['team']>;

const DECIDED: Record<string, string> = { approve: 'Approved', reject: 'Rejected' };

/** Members a card can be given to: the current ones, this machine first. */
function assignable(team: Team): { member: string; name: string }[] {
  const others = team.members.filter((m) => !m.you && !m.removedAt);
  return [{ member: team.member, name: team.name }, ...others];
}

/**
 * Gives cards to a member (`to`: a member id, 'me', or null for nobody), refreshes the board and
 * offers Undo, which gives each card back to whom it had.
 */
export async function assignCards(cards: DraftSummary[], to: string | null, toName: string): Promise<void> {
  const { notify } = useApp.getState();
  const shared = cards.filter((c) => c.team);
  if (!shared.length) return notify('error', 'These cards are not on the shared board yet: they reach it with the next sync.');
  const before = new Map<string | null, number[]>();
  for (const c of shared) {
    const had = c.team!.assignee?.member ?? null;
    before.set(had, [...(before.get(had) ?? []), c.id]);
  }
  try {
    const { assigned } = await api.invoke('team.assign', { ids: shared.map((c) => c.id), member: to });
    await useBoard.getState().load();
    const undo = async () => {
      try {
        for (const [member, ids] of before) await api.invoke('team.assign', { ids, member });
        await useBoard.getState().load();
      } catch (error) {
        notify('error', error instanceof AppError || error instanceof Error ? error.message : String(error));
      }
    };
    notify('info', to === null ? `${plural(assigned, 'card')} no longer assigned.` : `${plural(assigned, 'card')} assigned to ${toName}.`, {
      label: 'Undo',
      run: () => void undo(),
    });
  } catch (error) {
    notify('error', error instanceof AppError || error instanceof Error ? error.message : String(error));
  }
}

/** The `i` key: takes the cards, or gives them up when they are all this member's already. */
export function toggleMine(cards: DraftSummary[], team: Team): Promise<void> {
  const mine = cards.every((c) => c.team?.assignee?.member === team.member);
  return mine ? assignCards(cards, null, '') : assignCards(cards, 'me', 'you');
}

/** The board's filter by assignee: everyone's cards, mine, unassigned, or one member's. */
export function AssigneeFilter({ team, value, onChange }: { team: Team; value: string; onChange: (value: string) => void }) {
  return (
    <select className="input" aria-label="Assigned to" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Everyone’s cards</option>
      <option value="me">Assigned to me</option>
      <option value="nobody">Unassigned</option>
      {assignable(team)
        .slice(1)
        .map((m) => (
          <option key={m.member} value={m.member}>
            Assigned to {m.name}
          </option>
        ))}
    </select>
  );
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** A member's initials in a circle, named in full on hover and to screen readers. */
export function MemberBadge({ name, label, tone = 'plain' }: { name: string; label: string; tone?: 'plain' | 'live' }) {
  return (
    <span className={`member-badge member-badge--${tone}`} title={label} aria-label={label} role="img">
      {initials(name) || '?'}
    </span>
  );
}

/** The tile's line for a shared card: whose decision stands, or who changed its text last; null when neither. */
export function teamLine(team: TeamTile, you: string | undefined): { text: string; at: string } | null {
  const name = (who: { member: string; name: string }) => (who.member === you ? 'you' : who.name);
  if (team.standing)
    return { text: `${DECIDED[team.standing.action] ?? team.standing.action} by ${name(team.standing)}`, at: team.standing.at };
  if (team.edited) return { text: `Edited by ${name(team.edited)}`, at: team.edited.at };
  return null;
}

/** The people on a shared card's tile: who else is looking at it, and whom it is assigned to. */
export function TilePeople({ team, looking, you }: { team: TeamTile; looking: string[] | undefined; you: string | undefined }) {
  if (!looking?.length && !team.assignee) return null;
  return (
    <span className="board-card__people">
      {looking?.map((n) => (
        <MemberBadge key={n} name={n} label={`${n} is looking at this card`} tone="live" />
      ))}
      {team.assignee && (
        <MemberBadge name={team.assignee.name} label={`Assigned to ${team.assignee.member === you ? 'you' : team.assignee.name}`} />
      )}
    </span>
  );
}

/** On an open shared card: who it is assigned to (changeable), and who else is looking at it. */
export function CardTeamBar({ card, team, looking }: { card: DraftSummary; team: Team; looking: string[] | undefined }) {
  const people = assignable(team);
  const current = card.team?.assignee ?? null;
  // a member the server no longer lists (offline, or removed) still shows as the card's assignee
  if (current && !people.some((p) => p.member === current.member)) people.push(current);
  return (
    <div className="card-team" aria-label="Team">
      <label className="card-team__assign">
        <span className="muted">Assigned to</span>
        <select
          className="input"
          value={current?.member ?? ''}
          onChange={(e) => {
            const to = people.find((p) => p.member === e.target.value) ?? null;
            void assignCards([card], to?.member ?? null, to ? (to.member === team.member ? 'you' : to.name) : '');
          }}
        >
          <option value="">Nobody</option>
          {people.map((p) => (
            <option key={p.member} value={p.member}>
              {p.member === team.member ? `Me (${p.name})` : p.name}
            </option>
          ))}
        </select>
      </label>
      {looking && looking.length > 0 && (
        <span className="card-team__looking" role="status">
          {looking.map((n) => (
            <MemberBadge key={n} name={n} label={n} tone="live" />
          ))}
          {looking.join(', ')} {looking.length === 1 ? 'is' : 'are'} looking at this card too
        </span>
      )}
    </div>
  );
}
