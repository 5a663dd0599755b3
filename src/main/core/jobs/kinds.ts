import type { JobKind } from '../../../shared/domain/job';
import type { JobKindSpec } from './context';
import { demoImportJob } from '../demo/job';
import { embedWorkspaceJob } from '../embed/job';
import { exportJob } from '../export/job';
import { importFileJob } from '../import/job';
import { backfillJob } from '../learn/backfill';
import { learnLoopJob } from '../learn/loop';
import { redraftJob } from '../learn/redraft-job';
import { backtestJob } from '../metrics/job';
import { syncSourceJob } from '../sync/job';
import { selftestJob } from './selftest';

/** Every kind of background job, by name. Later features add their jobs here. */
const KINDS: Record<JobKind, JobKindSpec<never, never>> = {
  'diagnostics.selftest': selftestJob as JobKindSpec<never, never>,
  'import.file': importFileJob as JobKindSpec<never, never>,
  'demo.import': demoImportJob as JobKindSpec<never, never>,
  'embed.workspace': embedWorkspaceJob as JobKindSpec<never, never>,
  'learn.backfill': backfillJob as JobKindSpec<never, never>,
  'learn.loop': learnLoopJob as JobKindSpec<never, never>,
  'learn.redraft': redraftJob as JobKindSpec<never, never>,
  'metrics.backtest': backtestJob as JobKindSpec<never, never>,
  'sync.source': syncSourceJob as JobKindSpec<never, never>,
  'export.run': exportJob as JobKindSpec<never, never>,
};

export function jobKind(kind: JobKind): JobKindSpec<never, never> | undefined {
  return KINDS[kind];
}
