import { useTeam } from '../../stores/team';
import { useApp } from '../../stores/app';

/** On a board shared with a team: that review goes on offline, or why the team server refused this member. */
export function TeamBanner() {
  const team = useTeam((s) => s.team);
  const navigate = useApp((s) => s.navigate);
  if (!team || team.connection === 'online' || team.connection === 'connecting') return null;
  if (team.connection === 'refused')
    return (
      <div className="banner banner--danger" role="alert">
        {team.problem} Your own review stays on this computer.
        <div className="banner__actions">
          <button className="button" onClick={() => navigate('settings')}>
            Team settings
          </button>
        </div>
      </div>
    );
  return (
    <div className="banner banner--warn" role="status">
      <strong>Offline — changes will sync.</strong> The team server cannot be reached. Review as usual: your decisions and edits merge with
      the team’s when it is back.
    </div>
  );
}
