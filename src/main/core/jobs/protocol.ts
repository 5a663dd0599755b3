import type { Job } from '../../../shared/domain/job';

export interface WorkerData {
  jobId: number;
  dbFile: string;
  secrets: Record<string, string>;
}

export type ToWorker = { type: 'cancel' };
export type FromWorker = { type: 'update' | 'finished'; job: Job };
