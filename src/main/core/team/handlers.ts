import type { Engine } from '../app';
import type { SecretStore } from '../secrets/store';
import type { Workspaces } from '../workspace/workspaces';
import { TeamService } from './service';

/** Review as a team: sharing the workspace's board through a team server, joining, members. */
export function registerTeamHandlers(engine: Engine, workspaces: Workspaces, secrets: SecretStore): TeamService {
  const team = new TeamService(engine, workspaces, secrets);
  engine.register('team.status', () => team.status());
  engine.register('team.share', ({ server, name }) => team.share(server, name));
  engine.register('team.join', ({ invite, name }) => team.join(invite, name));
  engine.register('team.removeMember', ({ member }) => team.removeMember(member));
  engine.register('team.assign', ({ ids, member }) => team.assign(ids, member));
  engine.register('team.look', ({ draftId }) => (team.look(draftId), { ok: true as const }));
  engine.register('team.leave', () => team.leave());
  return team;
}
