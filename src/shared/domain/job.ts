export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_KINDS = [
  'diagnostics.selftest',
  'import.file',
  'demo.import',
  'embed.workspace',
  'learn.backfill',
  'learn.loop',
  'learn.redraft',
  'metrics.backtest',
  'sync.source',
  'export.run',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface Job {
  id: number;
  kind: JobKind;
  /** A short human title, e.g. "Background job check". */
  title: string;
  status: JobStatus;
  done: number;
  /** Null while the total is not known yet. */
  total: number | null;
  message: string | null;
  error: string | null;
  resumable: boolean;
  /** How many times the job was started; above 1 means it resumed after an interruption. */
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** A finished job's structured outcome (an import's summary), when it has one. */
  result: unknown;
}

/** Jobs that bring tickets in; indexing and learning follow them. */
export function isIngestKind(kind: string): boolean {
  return kind === 'import.file' || kind === 'demo.import' || kind === 'sync.source';
}

export function isJobActive(job: Pick<Job, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}

/** Fraction done in [0, 1], or null when the total is unknown. */
export function jobFraction(job: Pick<Job, 'done' | 'total' | 'status'>): number | null {
  if (job.status === 'done') return 1;
  if (job.total === null || job.total <= 0) return null;
  return Math.min(1, Math.max(0, job.done / job.total));
}
