import type { DB } from '../db/open';

export class JobCancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelledError';
  }
}

/** What a job's code gets to work with inside its worker thread. */
export interface JobContext<Params, Checkpoint> {
  /** The worker's own connection to the workspace database. */
  db: DB;
  params: Params;
  /** The last committed checkpoint, or null on a fresh start. */
  checkpoint: Checkpoint | null;
  /** True when this run continues an interrupted one. */
  resumed: boolean;
  /** The secrets this kind of job needs (an LLM key), handed over in memory, never stored with the job. */
  secrets: Readonly<Record<string, string>>;
  signal: AbortSignal;
  progress(done: number, total: number | null, message?: string): void;
  /** Runs `work` and stores the checkpoint in one transaction: a resume never redoes or skips it. */
  commit(checkpoint: Checkpoint, work?: () => void): void;
  throwIfCancelled(): void;
}

export interface JobOutcome {
  message: string;
  result: unknown;
}

export interface JobKindSpec<Params = unknown, Checkpoint = unknown> {
  title: string;
  /** Whether a run interrupted by a crash continues from its checkpoint on the next start. */
  resumable: boolean;
  /** Returns the closing message shown with the finished job, and optionally a structured result. */
  run(ctx: JobContext<Params, Checkpoint>): Promise<string | JobOutcome>;
}

/** Sleeps, waking early (and throwing) when the job is cancelled. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new JobCancelledError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new JobCancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs a job's code here and now, without a worker or a jobs row (the simulation replays weeks this way). */
export async function runJobHere<P>(spec: JobKindSpec<P, never>, db: DB, params: P): Promise<string | JobOutcome> {
  const signal = new AbortController().signal;
  return spec.run({
    db,
    params,
    checkpoint: null,
    resumed: false,
    secrets: {},
    signal,
    progress: () => undefined,
    commit: (_c, work) => work?.(),
    throwIfCancelled: () => undefined,
  });
}
