import type { DB } from '../db/open';
import { getSetting } from '../system/settings';

/** The workspace setting that says it is shared with a team. */
export const TEAM_KEY = 'team';

/** What the workspace keeps about its team (no secret: those are in the secret store). */
export interface TeamConfig {
  server: string;
  id: string;
  member: string;
  name: string;
  /** The member who shared the workspace learns from the helpdesk and puts cards on the board; the others review them. */
  learner: boolean;
  /** The name of the workspace that was shared: a joining member's workspace takes it. */
  workspaceName: string;
}

export function teamConfig(db: DB): TeamConfig | null {
  return getSetting<TeamConfig | null>(db, TEAM_KEY, null);
}
