import { useEffect, useState } from 'react';
import type { TeamMemberInfo, TeamStatus } from '../../../shared/domain/team';
import { api } from '../../api';
import { useApp } from '../../stores/app';
import { useTeam } from '../../stores/team';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const CONNECTION: Record<NonNullable<TeamStatus['team']>['connection'], string> = {
  online: 'Online',
  connecting: 'Connecting…',
  offline: 'Offline — changes will sync when the team server is back',
  refused: 'Refused by the team server',
};

/** An invite, shown once: copy it and send it privately. */
function InviteBox({ invite, note }: { invite: string; note: string }) {
  const notify = useApp((s) => s.notify);
  return (
    <div className="team__invite" role="status">
      <p>{note}</p>
      <div className="row">
        <input className="input" aria-label="Invite" readOnly value={invite} onFocus={(e) => e.target.select()} />
        <button
          className="button button--primary"
          onClick={() =>
            void navigator.clipboard
              .writeText(invite)
              .then(() => notify('info', 'Invite copied.'))
              .catch(() => notify('error', 'Copying is not allowed here: select the invite and copy it yourself.'))
          }
        >
          Copy invite
        </button>
      </div>
    </div>
  );
}

/** Share this workspace through a team server, or join a team from an invite. */
function ShareOrJoin({ onShared }: { onShared: (invite: string) => void }) {
  const notify = useApp((s) => s.notify);
  const refresh = useTeam((s) => s.refresh);
  const [server, setServer] = useState('ws://127.0.0.1:4870');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  const share = async () => {
    setBusy(true);
    try {
      const result = await api.invoke('team.share', { server: server.trim(), name: name.trim() });
      onShared(result.invite);
      await refresh();
    } catch (e) {
      notify('error', message(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="team">
      <form
        className="team__form"
        aria-label="Share this workspace"
        onSubmit={(e) => {
          e.preventDefault();
          if (server.trim() && name.trim()) void share();
        }}
      >
        <h3>Share this workspace</h3>
        <p className="muted">
          Other leads review the same board from their own computers. Your tickets stay here: the team server receives the drafts, their
          redacted evidence snippets and the review decisions, never tickets, personal details or secrets. Start a server with{' '}
          <code>npx tideline team-server</code>.
        </p>
        <div className="row">
          <input className="input" aria-label="Team server address" value={server} onChange={(e) => setServer(e.target.value)} />
          <input
            className="input"
            aria-label="Your name"
            placeholder="Your name, as the team sees it"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button className="button button--primary" type="submit" disabled={!server.trim() || !name.trim() || busy}>
            {busy ? 'Sharing…' : 'Share'}
          </button>
        </div>
      </form>
      <JoinTeamForm />
    </div>
  );
}

/** Join a team from an invite: a new workspace opens and fills with the team's board. */
export function JoinTeamForm() {
  const notify = useApp((s) => s.notify);
  const refreshApp = useApp((s) => s.refresh);
  const refresh = useTeam((s) => s.refresh);
  const [invite, setInvite] = useState('');
  const [joinName, setJoinName] = useState('');
  const [busy, setBusy] = useState(false);
  const join = async () => {
    setBusy(true);
    try {
      const result = await api.invoke('team.join', { invite: invite.trim(), name: joinName.trim() });
      notify('info', `Joined the team: “${result.workspace.name}” is now open with ${result.team?.cards ?? 0} cards.`);
      await refreshApp();
      await refresh();
    } catch (e) {
      notify('error', message(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="team__form"
      aria-label="Join a team"
      onSubmit={(e) => {
        e.preventDefault();
        if (invite.trim() && joinName.trim()) void join();
      }}
    >
      <h3>Join a team</h3>
      <p className="muted">Paste the invite a teammate sent you. A new workspace opens and fills with the team’s board.</p>
      <div className="row">
        <input
          className="input"
          aria-label="Invite to join"
          placeholder="tideline-team:…"
          value={invite}
          onChange={(e) => setInvite(e.target.value)}
        />
        <input
          className="input"
          aria-label="Your name in the team"
          placeholder="Your name"
          value={joinName}
          onChange={(e) => setJoinName(e.target.value)}
        />
        <button className="button" type="submit" disabled={!invite.trim() || !joinName.trim() || busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </div>
    </form>
  );
}

function MemberRow({ m, onRemove }: { m: TeamMemberInfo; onRemove: (m: TeamMemberInfo) => void }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <tr>
      <td>
        {m.name}
        {m.you && <span className="muted"> (you)</span>}
      </td>
      <td>
        {m.removedAt ? (
          <span className="muted">Removed {when(m.removedAt)}</span>
        ) : m.online ? (
          <span className="tag tag--ok">Online</span>
        ) : (
          <span className="muted">Last seen {when(m.lastSeenAt)}</span>
        )}
      </td>
      <td className="muted">{when(m.joinedAt)}</td>
      <td>
        {!m.you &&
          !m.removedAt &&
          (confirming ? (
            <span className="row">
              <button
                className="button button--danger"
                onClick={() => onRemove(m)}
                autoFocus
                onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}
              >
                Remove {m.name}
              </button>
              <button className="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button className="button" onClick={() => setConfirming(true)}>
              Remove member…
            </button>
          ))}
      </td>
    </tr>
  );
}

/** The team of a shared workspace: the connection, the members, removing one, leaving. */
function TeamMembers({ team, sharedInvite }: { team: NonNullable<TeamStatus['team']>; sharedInvite: string | null }) {
  const notify = useApp((s) => s.notify);
  const refresh = useTeam((s) => s.refresh);
  const [rotated, setRotated] = useState<{ invite: string; name: string } | null>(null);
  const [leaving, setLeaving] = useState(false);

  const remove = async (m: TeamMemberInfo) => {
    try {
      const result = await api.invoke('team.removeMember', { member: m.member });
      setRotated({ invite: result.invite, name: m.name });
      await refresh();
    } catch (e) {
      notify('error', message(e));
    }
  };
  const leave = async () => {
    try {
      await api.invoke('team.leave', {});
      notify('info', 'This workspace is no longer shared from this computer. Its drafts and articles stay here.');
      await refresh();
    } catch (e) {
      notify('error', message(e));
    }
  };

  return (
    <div className="team">
      <dl className="facts">
        <div className="fact">
          <dt>Connection</dt>
          <dd className={team.connection === 'online' ? '' : 'team__warning'}>
            {CONNECTION[team.connection]}
            {team.problem && <div>{team.problem}</div>}
          </dd>
        </div>
        <div className="fact">
          <dt>Team server</dt>
          <dd>
            <code>{team.server}</code>
          </dd>
        </div>
        <div className="fact">
          <dt>You</dt>
          <dd>
            {team.name} · {team.learner ? 'learns from the helpdesk and puts cards on the board' : 'reviews the board'}
          </dd>
        </div>
        <div className="fact">
          <dt>Shared board</dt>
          <dd>{team.cards.toLocaleString()} cards</dd>
        </div>
      </dl>
      {sharedInvite && !rotated && (
        <InviteBox
          invite={sharedInvite}
          note="This workspace is shared. Send this invite privately to each lead who should review with you: it holds the team secret, and it is shown only now."
        />
      )}
      {rotated && (
        <InviteBox
          invite={rotated.invite}
          note={`${rotated.name} was removed and can no longer connect; the team secret changed, so older invites stop working. Send this new invite to anyone who should join from now on.`}
        />
      )}
      {team.members.length > 0 ? (
        <table className="data-table" aria-label="Team members">
          <thead>
            <tr>
              <th>Member</th>
              <th>Now</th>
              <th>Joined</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {team.members.map((m) => (
              <MemberRow key={m.member} m={m} onRemove={(x) => void remove(x)} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">The members show once the team server answers.</p>
      )}
      <div className="row">
        {leaving ? (
          <>
            <button className="button button--danger" onClick={() => void leave()} autoFocus>
              Leave the team
            </button>
            <button className="button" onClick={() => setLeaving(false)}>
              Stay
            </button>
            <span className="muted">This computer stops syncing the board; the drafts and articles it holds stay.</span>
          </>
        ) : (
          <button className="button" onClick={() => setLeaving(true)}>
            Leave the team…
          </button>
        )}
      </div>
    </div>
  );
}

/** Settings → Team: review as a team through a team server. */
export function TeamSettings() {
  const team = useTeam((s) => s.team);
  const refresh = useTeam((s) => s.refresh);
  // the invite of a team just created here: shown once, gone when the lead leaves this screen
  const [sharedInvite, setSharedInvite] = useState<string | null>(null);
  useEffect(() => void refresh(), [refresh]);
  return team ? <TeamMembers team={team} sharedInvite={sharedInvite} /> : <ShareOrJoin onShared={setSharedInvite} />;
}
