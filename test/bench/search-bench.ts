// Search figures for npm run bench: embedder speed, nearest-neighbour latency and recall, hybrid search latency.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/main/core/db/open';
import { DemoCompany } from '../../src/main/core/demo/generator';
import { l2normalize, type Embedder } from '../../src/main/core/embed/embedder';
import { encoderThreads, ParallelSentenceEncoder } from '../../src/main/core/embed/encoder-pool';
import { fitIdf, LexicalEmbedder } from '../../src/main/core/embed/lexical';
import { SentenceEncoderEmbedder, StaticSentenceEncoder } from '../../src/main/core/embed/sentence-encoder';
import { TransformersEmbedder } from '../../src/main/core/embed/transformers';
import { cleanReply, questionText } from '../../src/main/core/text/clean';
import { ftsQuery } from '../../src/main/core/tickets/query';
import { VectorStore } from '../../src/main/core/search/vectors';
import { checkOwnWork, checkWholeFile } from '../../src/main/core/workspace/damage';
import { writeTinyModel } from '../fixtures/tiny-model';

export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

function demoQuestions(n: number): string[] {
  const out: string[] = [];
  for (const line of new DemoCompany({ seed: 3, weeks: 10, perWeek: Math.ceil(n / 10), start: '2025-01-06T00:00:00.000Z' }).all()) {
    out.push(line.messages[0]!.body);
    if (out.length === n) break;
  }
  return out;
}

/** Demo tickets' question and first human reply, as the indexing job embeds them. */
function demoTickets(n: number): string[][] {
  const out: string[][] = [];
  for (const line of new DemoCompany({ seed: 4, weeks: 4, perWeek: Math.ceil(n / 3), start: '2025-01-06T00:00:00.000Z' }).all()) {
    const reply = line.messages.find((m) => m.role === 'agent' && m.public);
    out.push([questionText(line.subject, line.messages[0]!.body), ...(reply ? [cleanReply(reply.body)] : [])]);
    if (out.length === n) break;
  }
  return out;
}

/** Seconds to embed 1,000 demo tickets (question and reply) with each offline sentence encoder. */
export async function sentenceEncoderSpeed(): Promise<{
  fast: number;
  full: number;
  fullOneThread: number;
  threads: number;
  texts: number;
}> {
  const texts = demoTickets(1000).flat();
  const dir = mkdtempSync(join(tmpdir(), 'tideline-models-'));
  const seconds = async (encoder: Embedder) => {
    const start = performance.now();
    for (let i = 0; i < texts.length; i += 200) await encoder.embed(texts.slice(i, i + 200), 'passage');
    return (performance.now() - start) / 1000;
  };
  const fast = await seconds(await StaticSentenceEncoder.load(dir)); // the piece table is computed at load, once
  const fullOneThread = await seconds(await SentenceEncoderEmbedder.load());
  const threads = encoderThreads();
  const pool = await ParallelSentenceEncoder.load(threads);
  const full = await seconds(pool);
  if (pool instanceof ParallelSentenceEncoder) await pool.close();
  rmSync(dir, { recursive: true, force: true });
  return { fast, full, fullOneThread, threads, texts: texts.length };
}

export async function embedderSpeed(): Promise<{ lexical: number; transformers: number }> {
  const texts = demoQuestions(20_000);
  const lexical = new LexicalEmbedder(fitIdf(texts));
  let t = performance.now();
  await lexical.embed(texts);
  const lexicalRate = texts.length / ((performance.now() - t) / 1000);

  const dir = mkdtempSync(join(tmpdir(), 'tideline-model-'));
  const model = writeTinyModel(join(dir, 'tiny'));
  const transformers = await TransformersEmbedder.load({ model: model.dir, cacheDir: dir, allowDownload: false });
  const sample = texts.slice(0, 4000);
  t = performance.now();
  for (let i = 0; i < sample.length; i += 64) await transformers.embed(sample.slice(i, i + 64), 'passage');
  const transformersRate = sample.length / ((performance.now() - t) / 1000);
  rmSync(dir, { recursive: true, force: true });
  return { lexical: lexicalRate, transformers: transformersRate };
}

export interface KnnFigures {
  p50: number;
  p95: number;
  recall: number;
  /** sqlite-vec's own KNN (vec0 over float vectors of the same size), on the same queries. */
  vec0P95: number;
  /** The exact full scan (vec_distance_cosine over every stored vector). */
  scanP95: number;
}

/**
 * Nearest-neighbour latency over `count` 384-dimension vectors shaped like real embeddings
 * (clusters of near-paraphrases), recall@10 against the exact ranking, and the same queries
 * through sqlite-vec's own float KNN and through a full scan, measured in the same run.
 */
export function knnFigures(count: number, queries = 60): KnnFigures {
  const dir = mkdtempSync(join(tmpdir(), 'tideline-knn-'));
  const db = openDatabase(join(dir, 'knn.db'), { create: true });
  const D = 384;
  let s = 17;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32 - 0.5);
  const unit = () => l2normalize(Float32Array.from({ length: D }, rnd));
  const centers = Array.from({ length: Math.max(200, count / 50) }, unit);
  const near = (c: Float32Array, spread: number) => l2normalize(c.map((x) => x + spread * rnd()));
  const store = VectorStore.open(db, 'bench', D);
  db.exec(`CREATE VIRTUAL TABLE reference_vec USING vec0(embedding float[${D}] distance_metric=cosine)`);
  const putReference = db.prepare('INSERT INTO reference_vec (rowid, embedding) VALUES (?, ?)');
  for (let start = 0; start < count; start += 10_000) {
    db.transaction(() => {
      for (let i = start; i < Math.min(count, start + 10_000); i++) {
        const vector = near(centers[i % centers.length]!, 0.15);
        store.put('question', i + 1, 0, 'h', vector);
        putReference.run(BigInt(i + 1), Buffer.from(vector.buffer));
      }
    })();
  }
  store.nearest(unit(), 10, 'ticket'); // loads the bit index once, as the first search of a session does
  const vec0Knn = db.prepare('SELECT rowid FROM reference_vec WHERE embedding MATCH ? AND k = 10').pluck();
  const scan = db.prepare('SELECT ref_id FROM embeddings ORDER BY vec_distance_cosine(vector, ?) LIMIT 10').pluck();
  const timed = <T>(work: () => T, into: number[]): T => {
    const t = performance.now();
    const result = work();
    into.push(performance.now() - t);
    return result;
  };
  const ours: number[] = [];
  const vec0: number[] = [];
  const scans: number[] = [];
  let hits = 0;
  for (let q = 0; q < queries; q++) {
    const query = near(centers[(q * 37) % centers.length]!, 0.15);
    const blob = Buffer.from(query.buffer);
    const got = timed(() => store.nearest(query, 10, 'ticket'), ours);
    timed(() => vec0Knn.all(blob), vec0);
    const exact = new Set(timed(() => scan.all(blob), scans) as number[]);
    hits += got.filter((n) => exact.has(n.refId)).length;
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    p50: percentile(ours, 0.5),
    p95: percentile(ours, 0.95),
    recall: hits / (queries * 10),
    vec0P95: percentile(vec0, 0.95),
    scanP95: percentile(scans, 0.95),
  };
}

/** Hybrid search latency through the engine, over a workspace holding the tickets of `file`. */
export async function hybridFigures(file: string): Promise<{
  tickets: number;
  p50: number;
  p95: number;
  busyP95: number;
  ftsP95: number;
  indexSeconds: number;
  ownWorkCheckMs: number;
  fullCheckSeconds: number;
  fileMb: number;
}> {
  const { createEngine } = await import('../../src/main/core');
  const dataDir = mkdtempSync(join(tmpdir(), 'tideline-hybrid-'));
  const handle = createEngine({ dataDir, host: 'cli' });
  await handle.engine.dispatch('workspace.create', { name: 'Hybrid' });
  let indexStarted = 0;
  const indexed = new Promise<void>((resolve) =>
    handle.engine.on((event, job) => {
      const j = job as { kind: string; status: string };
      if (event === 'job.progress' && j.kind === 'embed.workspace' && !indexStarted) indexStarted = performance.now();
      if (event === 'job.done' && j.kind === 'embed.workspace') resolve();
    }),
  );
  await handle.engine.dispatch('import.start', { path: file });
  await indexed;
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  const sample = demoQuestions(2000);
  const queries = sample.filter((_, i) => i % 25 === 0);
  // a session's first searches load the sign bits and count the workspace's common words once
  for (const text of sample.filter((_, i) => i % 25 === 12).slice(0, 20)) await handle.engine.dispatch('search.query', { text, limit: 20 });
  const db = handle.workspaces.requireCurrent().db;
  // the reference: the same queries by words alone, as the search's own full-text step runs them
  const wordsOnly = db.prepare('SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? ORDER BY bm25(ticket_fts) LIMIT 40').pluck();
  const search = async (text: string) => {
    const t = performance.now();
    const result = await handle.engine.dispatch('search.query', { text, limit: 20 });
    if (!result.ok) throw new Error(result.error.message);
    return performance.now() - t;
  };
  const times: number[] = [];
  const ftsTimes: number[] = [];
  for (const text of queries) {
    times.push(await search(text));
    const t = performance.now();
    const fts = ftsQuery(text);
    if (fts) wordsOnly.all(fts);
    ftsTimes.push(performance.now() - t);
  }
  // the same searches while another process keeps one of the machine's cores busy
  const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const busyTimes: number[] = [];
  try {
    for (const text of queries) busyTimes.push(await search(text));
  } finally {
    busy.kill();
  }
  const tickets = (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
  // what opening a workspace checks every time, and the full check the app runs in the background
  const ownWork = Array.from({ length: 5 }, () => {
    const t = performance.now();
    checkOwnWork(db);
    return performance.now() - t;
  });
  const t = performance.now();
  const whole = await checkWholeFile(db.name);
  if (!whole.ok) throw new Error(`the bench workspace failed its check: ${JSON.stringify(whole)}`);
  const fullCheckSeconds = (performance.now() - t) / 1000;
  const fileMb = statSync(db.name).size / 2 ** 20;
  await handle.close();
  rmSync(dataDir, { recursive: true, force: true });
  return {
    tickets,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    busyP95: percentile(busyTimes, 0.95),
    ftsP95: percentile(ftsTimes, 0.95),
    indexSeconds,
    ownWorkCheckMs: percentile(ownWork, 0.5),
    fullCheckSeconds,
    fileMb,
  };
}
