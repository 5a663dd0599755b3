import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { createEngine, type EngineHandle } from '../../src/main/core';
import { AppError } from '../../src/shared/api/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A fresh data folder, removed after the test. */
export function tempDir(prefix = 'tideline-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

const fileCleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  while (fileCleanups.length) await fileCleanups.pop()!();
});

/** Keeps what the running test has set up so far (engines, folders) until the file's last test is done. */
export function keepForFile(): void {
  fileCleanups.push(...cleanups.splice(0));
}

/** An engine on a fresh data folder (closed after the test), with a typed call helper that throws AppError. */
export function testEngine(dataDir = tempDir()) {
  const handle: EngineHandle = createEngine({ dataDir, host: 'cli' });
  cleanups.push(() => handle.close());
  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const envelope = await handle.engine.dispatch(method, input);
    if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message);
    return envelope.result as MethodOutput<M>;
  }
  return { ...handle, call };
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts a job through `start` and resolves with the finished job (from its job.done event). */
export async function runToEnd(
  handle: { engine: EngineHandle['engine'] },
  start: () => Promise<{ id: number }>,
  timeoutMs = 60_000,
): Promise<import('../../src/shared/domain/job').Job> {
  const finished = new Map<number, import('../../src/shared/domain/job').Job>();
  const off = handle.engine.on((event, payload) => {
    if (event === 'job.done') finished.set((payload as { id: number }).id, payload as import('../../src/shared/domain/job').Job);
  });
  try {
    const { id } = await start();
    return await waitFor(() => finished.get(id), timeoutMs, `job ${id}`);
  } finally {
    off();
  }
}

/** Every draft with its article and evidence (the board's list carries neither). */
export async function allDraftDetails(
  handle: ReturnType<typeof testEngine>,
): Promise<import('../../src/shared/domain/draft').DraftDetail[]> {
  const cards = await handle.call('drafts.list', {});
  return Promise.all(cards.map((d) => handle.call('drafts.get', { id: d.id })));
}

/** Imports JSONL ticket lines into the engine's workspace, then runs the learning loop. */
export async function importLines(handle: ReturnType<typeof testEngine>, text: string) {
  const path = join(tempDir(), 'tickets.jsonl');
  writeFileSync(path, text);
  for (const start of [() => handle.call('import.start', { path }), () => handle.call('learn.run', {})]) {
    const job = await runToEnd(handle, start);
    if (job.status !== 'done') throw new Error(`${job.kind} ended ${job.status}: ${job.error ?? job.message ?? ''}`);
  }
}
