import type { Job } from '../../../shared/domain/job';

export interface WorkerData {
  jobId: number;
  dbFile: string;
  secrets: Record<string, string>;
}

export type ToWorker = { type: 'cancel' };
/** `unrecorded`: the job's outcome could not be written to the workspace (a full disk); the runner keeps it. */
export type FromWorker = { type: 'update' | 'finished'; job: Job; unrecorded?: boolean };
