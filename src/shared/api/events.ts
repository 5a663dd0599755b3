import type { Job } from '../domain/job';
import type { Workspace } from '../domain/workspace';

/** Events the engine pushes to every connected window. */
export interface EventMap {
  'job.progress': Job;
  'job.done': Job;
  'workspace.changed': { current: Workspace | null };
}

export type EventName = keyof EventMap;

/** IPC channel names shared by the preload and the Electron bridge. */
export const IPC_INVOKE_CHANNEL = 'tideline:invoke';
export const IPC_EVENT_CHANNEL = 'tideline:event';
