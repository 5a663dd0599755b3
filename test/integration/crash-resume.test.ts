import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoFile } from '../../src/main/core/demo/file';
import type { ImportSummary } from '../../src/shared/domain/ticket';
import type { Envelope } from '../../src/shared/api/errors';
import type { Job } from '../../src/shared/domain/job';
import { startMockHelpdesk } from '../helpers/helpdesks/server';
import { World } from '../helpers/helpdesks/world';
import { invokeHttp, startServeProcess } from '../helpers/serve';
import { onCleanup, tempDir, waitFor } from '../helpers/temp';

/** Polls a job over HTTP until `ready` says yes; resolves with the job. */
function jobWhen(
  server: { url: string; token: string },
  id: number,
  ready: (job: Job) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<Job> {
  return waitFor(
    async () => {
      const job = (await invokeHttp(server, 'jobs.get', { id })) as Envelope<Job>;
      return job.ok && ready(job.result) ? job.result : undefined;
    },
    timeoutMs,
    what,
  );
}

describe('a job interrupted by killing the process', () => {
  it('is marked and resumes from its checkpoint on restart, with no step done twice or skipped', async () => {
    const dataDir = tempDir();
    const first = await startServeProcess(dataDir, ['--no-build']);
    onCleanup(() => first.stop());
    await invokeHttp(first, 'workspace.create', { name: 'Crash test' });
    const started = (await invokeHttp(first, 'diagnostics.selftest', { steps: 40, stepMs: 50 })) as Envelope<Job>;
    if (!started.ok) throw new Error(started.error.message);
    const id = started.result.id;

    const reached = (await jobWhen(first, id, (job) => job.done >= 8, 'progress before the kill')).done;
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const file = join(dataDir, 'workspaces', 'crash-test.tideline.db');
    const db = new Database(file, { readonly: true });
    const killed = db.prepare('SELECT status, checkpoint FROM jobs WHERE id = ?').get(id) as { status: string; checkpoint: string };
    db.close();
    expect(killed.status).toBe('running'); // what the crash left behind
    const stepAtKill = (JSON.parse(killed.checkpoint) as { step: number }).step;
    expect(stepAtKill).toBeGreaterThanOrEqual(reached);

    const second = await startServeProcess(dataDir, ['--no-build']);
    onCleanup(() => second.stop());
    const finished = await jobWhen(second, id, (job) => job.status === 'done', 'the resumed job to finish');
    expect(finished).toMatchObject({ status: 'done', done: 40, total: 40, attempts: 2 });
    expect(finished.message).toMatch(/resumed 1× after an interruption/);

    const after = new Database(file, { readonly: true });
    const checkpoint = JSON.parse(
      (after.prepare('SELECT checkpoint FROM jobs WHERE id = ?').get(id) as { checkpoint: string }).checkpoint,
    ) as {
      step: number;
      resumedAt: number[];
    };
    after.close();
    // it picked up exactly where the last committed step left off
    expect(checkpoint).toEqual({ step: 40, resumedAt: [stepAtKill] });
  });
});

describe('an import interrupted by killing the process', () => {
  it('resumes after the last committed batch: every ticket once, none missing', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'demo.jsonl');
    const written = await writeDemoFile(file, { weeks: 20, perWeek: 1500, seed: 3, start: '2026-01-05T00:00:00.000Z' });
    const first = await startServeProcess(dataDir, ['--no-build']);
    onCleanup(() => first.stop());
    await invokeHttp(first, 'workspace.create', { name: 'Resume' });
    const started = (await invokeHttp(first, 'import.start', { path: file })) as Envelope<Job>;
    if (!started.ok) throw new Error(started.error.message);
    const id = started.result.id;
    await jobWhen(first, id, (job) => job.total !== null && job.done > job.total * 0.1, 'import progress', 60_000);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const db = new Database(join(dataDir, 'workspaces', 'resume.tideline.db'), { readonly: true });
    const partial = (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    db.close();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(written);

    const second = await startServeProcess(dataDir, ['--no-build']);
    onCleanup(() => second.stop());
    const finished = await jobWhen(second, id, (job) => job.status === 'done', 'the resumed import', 90_000);
    expect(finished.attempts).toBe(2);
    const summary = finished.result as ImportSummary;
    expect(summary).toMatchObject({ imported: written, updated: 0, unchanged: 0, skipped: 0 });
    const after = new Database(join(dataDir, 'workspaces', 'resume.tideline.db'), { readonly: true });
    const counts = after.prepare('SELECT count(*) AS n, count(DISTINCT external_id) AS d FROM tickets').get() as { n: number; d: number };
    const fts = (after.prepare('SELECT count(*) AS n FROM ticket_fts').get() as { n: number }).n;
    after.close();
    expect(counts).toEqual({ n: written, d: written });
    expect(fts).toBe(written);
  }, 180_000);
});

describe('a helpdesk sync killed with SIGKILL', () => {
  it.each(['intercom', 'zendesk'] as const)(
    '%s: resumes from its stored cursor on restart, every ticket and message once',
    async (kind) => {
      const world = World.demo({ weeks: 2, perWeek: 80, seed: 31 });
      const mock = await startMockHelpdesk(kind, world, { latencyMs: 15 });
      onCleanup(() => mock.close());
      const dataDir = tempDir();
      const first = await startServeProcess(dataDir, ['--no-build']);
      onCleanup(() => first.stop());
      await invokeHttp(first, 'workspace.create', { name: 'Sync' });
      const added = (await invokeHttp(first, 'sources.add', {
        kind,
        name: kind,
        fields: mock.credentials.fields,
        secrets: mock.credentials.secrets,
        baseUrl: mock.url,
        botIds: ['Kettle Assistant'],
        historyDays: 365,
      })) as Envelope<{ id: number }>;
      if (!added.ok) throw new Error(added.error.message);
      const jobs = (await invokeHttp(first, 'jobs.list', {})) as Envelope<Job[]>;
      const id = jobs.ok ? jobs.result.find((j) => j.kind === 'sync.source')!.id : 0;
      await jobWhen(first, id, (job) => job.done > 0, 'the first page of the sync', 60_000);
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));

      const file = join(dataDir, 'workspaces', 'sync.tideline.db');
      const db = new Database(file, { readonly: true });
      const partial = db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
      db.close();
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(world.tickets.length);

      const second = await startServeProcess(dataDir, ['--no-build']);
      onCleanup(() => second.stop());
      const finished = await jobWhen(second, id, (job) => job.status === 'done', 'the resumed sync', 90_000);
      expect(finished.attempts).toBe(2);
      const after = new Database(file, { readonly: true });
      const counts = after.prepare('SELECT count(*) AS n, count(DISTINCT external_id) AS d FROM tickets').get();
      const messages = after.prepare("SELECT count(*) AS n, count(DISTINCT ticket_id || '/' || external_id) AS d FROM messages").get();
      after.close();
      const expectedMessages = world.tickets.reduce((n, t) => n + t.messages.length, 0);
      expect(counts).toEqual({ n: world.tickets.length, d: world.tickets.length });
      expect(messages).toEqual({ n: expectedMessages, d: expectedMessages });
    },
    180_000,
  );
});
