// Search figures for npm run bench: embedder speed, nearest-neighbour latency and recall, hybrid search latency.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/main/core/db/open';
import { DemoCompany } from '../../src/main/core/demo/generator';
import { l2normalize } from '../../src/main/core/embed/embedder';
import { fitIdf, LexicalEmbedder } from '../../src/main/core/embed/lexical';
import { SentenceEncoderEmbedder, StaticSentenceEncoder } from '../../src/main/core/embed/sentence-encoder';
import { TransformersEmbedder } from '../../src/main/core/embed/transformers';
import { cleanReply, questionText } from '../../src/main/core/text/clean';
import { VectorStore } from '../../src/main/core/search/vectors';
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
export async function sentenceEncoderSpeed(): Promise<{ fast: number; full: number; texts: number }> {
  const texts = demoTickets(1000).flat();
  const dir = mkdtempSync(join(tmpdir(), 'tideline-models-'));
  const fast = await StaticSentenceEncoder.load(dir); // the piece table is computed here, once
  let t = performance.now();
  for (let i = 0; i < texts.length; i += 200) await fast.embed(texts.slice(i, i + 200));
  const fastSeconds = (performance.now() - t) / 1000;
  const full = await SentenceEncoderEmbedder.load();
  t = performance.now();
  for (let i = 0; i < texts.length; i += 200) await full.embed(texts.slice(i, i + 200));
  const fullSeconds = (performance.now() - t) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return { fast: fastSeconds, full: fullSeconds, texts: texts.length };
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

/**
 * Nearest-neighbour latency over `count` 384-dimension vectors shaped like real embeddings
 * (clusters of near-paraphrases), and recall@10 against an exact brute-force ranking.
 */
export function knnFigures(count: number, queries = 60): { p50: number; p95: number; recall: number; insertSeconds: number } {
  const dir = mkdtempSync(join(tmpdir(), 'tideline-knn-'));
  const db = openDatabase(join(dir, 'knn.db'), { create: true });
  const D = 384;
  let s = 17;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32 - 0.5);
  const unit = () => l2normalize(Float32Array.from({ length: D }, rnd));
  const centers = Array.from({ length: Math.max(200, count / 50) }, unit);
  const near = (c: Float32Array, spread: number) => l2normalize(c.map((x) => x + spread * rnd()));
  const store = VectorStore.open(db, 'bench', D);
  let t = performance.now();
  for (let start = 0; start < count; start += 10_000) {
    db.transaction(() => {
      for (let i = start; i < Math.min(count, start + 10_000); i++) {
        store.put('question', i + 1, 0, 'h', near(centers[i % centers.length]!, 0.15));
      }
    })();
  }
  const insertSeconds = (performance.now() - t) / 1000;
  store.nearest(unit(), 10, 'ticket'); // loads the bit index once, as the first search of a session does
  const times: number[] = [];
  let hits = 0;
  // the exact answer, by scanning every vector
  const exactTop = db.prepare('SELECT ref_id FROM embeddings ORDER BY vec_distance_cosine(vector, ?) LIMIT 10').pluck();
  for (let q = 0; q < queries; q++) {
    const query = near(centers[(q * 37) % centers.length]!, 0.15);
    t = performance.now();
    const got = store.nearest(query, 10, 'ticket');
    times.push(performance.now() - t);
    const exact = new Set(exactTop.all(Buffer.from(query.buffer)) as number[]);
    hits += got.filter((n) => exact.has(n.refId)).length;
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), recall: hits / (queries * 10), insertSeconds };
}

/** Hybrid search latency through the engine, over a workspace holding the tickets of `file`. */
export async function hybridFigures(file: string): Promise<{ tickets: number; p50: number; p95: number; indexSeconds: number }> {
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
  const queries = demoQuestions(2000).filter((_, i) => i % 25 === 0);
  await handle.engine.dispatch('search.query', { text: 'warm up', limit: 20 });
  const times: number[] = [];
  for (const text of queries) {
    const t = performance.now();
    const result = await handle.engine.dispatch('search.query', { text, limit: 20 });
    times.push(performance.now() - t);
    if (!result.ok) throw new Error(result.error.message);
  }
  const tickets = (handle.workspaces.requireCurrent().db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
  await handle.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { tickets, p50: percentile(times, 0.5), p95: percentile(times, 0.95), indexSeconds };
}
