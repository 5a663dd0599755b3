import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoFile } from '../../src/main/core/demo/file';
import { startMockHelpdesk } from '../helpers/helpdesks/server';
import { World } from '../helpers/helpdesks/world';
import { onCleanup, tempDir, testEngine, waitFor } from '../helpers/temp';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tideline.js');

/** Runs the `tideline` command in a process of its own. */
function tideline(dataDir: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** A workspace with a mock Zendesk source (not synced yet) and an export file to import. */
async function setUp() {
  const world = World.demo({ weeks: 4, perWeek: 120, seed: 31 });
  const mock = await startMockHelpdesk('zendesk', world, { latencyMs: 5 });
  onCleanup(() => mock.close());
  const dataDir = tempDir();
  const file = join(tempDir(), 'export.jsonl');
  const fileTickets = await writeDemoFile(file, { weeks: 6, perWeek: 300, seed: 32 });
  const engine = testEngine(dataDir);
  await engine.call('workspace.create', { name: 'Support' });
  await engine.call('sources.add', {
    kind: 'zendesk',
    name: 'Zendesk',
    fields: mock.credentials.fields,
    secrets: mock.credentials.secrets,
    baseUrl: mock.url,
    historyDays: 400,
    syncNow: false,
  });
  await engine.close();
  return { dataDir, file, fileTickets, world, mock };
}

function counts(dataDir: string) {
  const engine = testEngine(dataDir);
  const db = engine.workspaces.requireCurrent().db;
  const n = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    tickets: n('SELECT count(*) FROM tickets'),
    messages: n('SELECT count(*) FROM messages'),
    handovers: n('SELECT count(*) FROM tickets WHERE handover = 1'),
    importJobs: n(`SELECT count(*) FROM jobs WHERE kind = 'import.file'`),
    importAttempts: n(`SELECT max(attempts) FROM jobs WHERE kind = 'import.file'`),
    syncAttempts: n(`SELECT max(attempts) FROM jobs WHERE kind = 'sync.source'`),
    // one card per topic: no two suggestions grouped from the same tickets
    duplicateCards: n(`SELECT count(*) - count(DISTINCT topic_id) FROM drafts WHERE status != 'rejected'`),
  };
}

describe('two processes on one workspace', () => {
  it('import, sync, backfill and search at once: every command exits 0, says what it did, and nothing runs twice', async () => {
    const { dataDir, file, fileTickets, world, mock } = await setUp();

    const importing = tideline(dataDir, 'import', file);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the import is under way
    const [imported, synced, backfilled, searched] = await Promise.all([
      importing,
      tideline(dataDir, 'sync'),
      tideline(dataDir, 'backfill'),
      tideline(dataDir, 'search', 'refund'),
    ]);
    for (const [name, run] of Object.entries({ imported, synced, backfilled, searched })) expect(run.code, `${name}:\n${run.out}`).toBe(0);
    expect(imported.out).toMatch(new RegExp(`${fileTickets.toLocaleString('en-US')} new tickets`));
    expect(synced.out).toMatch(/Zendesk/);
    expect(backfilled.out).toMatch(/draft articles? from|No recurring|draft/i);
    expect(searched.out.trim().length).toBeGreaterThan(0);

    const state = counts(dataDir);
    expect(state.tickets).toBe(fileTickets + world.tickets.length);
    expect(state).toMatchObject({ importJobs: 1, importAttempts: 1, syncAttempts: 1, duplicateCards: 0 });
    const pages = (log: typeof mock.log) => log.filter((r) => r.path.includes('incremental')).length;

    // the same commands one after another in a fresh workspace end in the same tickets
    const alone = await setUp();
    for (const args of [['import', alone.file], ['sync'], ['backfill']]) expect((await tideline(alone.dataDir, ...args)).code).toBe(0);
    const one = counts(alone.dataDir);
    // the helpdesk saw each ticket page once, as alone: no second sync of the same source ran
    expect(pages(mock.log)).toBe(pages(alone.mock.log));
    expect({ tickets: state.tickets, messages: state.messages, handovers: state.handovers }).toEqual({
      tickets: one.tickets,
      messages: one.messages,
      handovers: one.handovers,
    });
  }, 600_000);

  it('a second learning run waits for the first one and says so', async () => {
    const { dataDir, file } = await setUp();
    expect((await tideline(dataDir, 'import', file)).code).toBe(0);
    // the loop is asked for while the backfill runs (started together, one could end before the other began)
    const backfilling = tideline(dataDir, 'backfill');
    const watcher = testEngine(dataDir);
    const db = watcher.workspaces.requireCurrent().db;
    await waitFor(
      () => db.prepare(`SELECT 1 FROM jobs WHERE kind = 'learn.backfill' AND status = 'running'`).get(),
      120_000,
      'the backfill running',
    );
    await watcher.close();
    const [first, second] = await Promise.all([backfilling, tideline(dataDir, 'learn')]);
    expect(first.code, first.out).toBe(0);
    expect(second.code, second.out).toBe(0);
    const outputs = `${first.out}\n${second.out}`;
    expect(outputs).toMatch(/Waiting for “Learn from (past tickets|new handovers)” \(job \d+\) to finish|already under way/);
  }, 600_000);
});
