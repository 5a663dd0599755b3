import type { Job } from '../domain/job';
import type { TeamLooking } from '../domain/team';
import type { Workspace } from '../domain/workspace';

/** Events the engine pushes to every connected window. */
export interface EventMap {
  'job.progress': Job;
  'job.done': Job;
  'workspace.changed': { current: Workspace | null };
  /** Something the lead should know that no call asked for (an automatic backup that failed). */
  'app.notice': { level: 'info' | 'error'; message: string };
  /** The shared board brought cards or decisions from other members of the team. */
  'team.changed': { received: number; applied: number };
  /** Which cards other members of the team have open now. */
  'team.presence': { looking: TeamLooking[] };
}

export type EventName = keyof EventMap;

/** IPC channel names shared by the preload and the Electron bridge. */
export const IPC_INVOKE_CHANNEL = 'tideline:invoke';
export const IPC_EVENT_CHANNEL = 'tideline:event';
