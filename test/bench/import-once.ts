// One import in a fresh process, so its peak memory is the import's own. Prints JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src/main/core';
import { setSetting } from '../../src/main/core/system/settings';
import { rederiveTickets } from '../../src/main/core/tickets/rederive';
import type { Job } from '../../src/shared/domain/job';

const file = process.argv[2]!;
const dataDir = mkdtempSync(join(tmpdir(), 'tideline-bench-'));
const handle = createEngine({ dataDir, host: 'cli' });
await handle.engine.dispatch('workspace.create', { name: 'Bench' });
const baseline = process.memoryUsage().rss;
const started = performance.now();
const done = new Promise<Job>((resolve) => handle.engine.on((event, job) => event === 'job.done' && resolve(job as Job)));
await handle.engine.dispatch('import.start', { path: file });
const job = await done;
const seconds = (performance.now() - started) / 1000;
// the same tickets read again as after an upgrade that derives roles and flags differently
const db = handle.workspaces.requireCurrent().db;
setSetting(db, 'tickets.derivation', 'an older one');
const rereadStarted = performance.now();
rederiveTickets(db);
const rederiveSeconds = (performance.now() - rereadStarted) / 1000;
await handle.close();
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({
    status: job.status,
    error: job.error,
    result: job.result,
    seconds,
    rederiveSeconds,
    baselineMb: baseline / 2 ** 20,
    peakMb: process.resourceUsage().maxRSS / 1024,
  }),
);
