import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/open';
import { l2normalize } from '../../src/main/core/embed/embedder';
import { ticketTexts } from '../../src/main/core/embed/job';
import { sentenceVectors, vectorsByMeaning } from '../../src/main/core/embed/meaning-vectors';
import { SENTENCE_ENCODER_ID, SentenceEncoderEmbedder, STATIC_ENCODER_ID } from '../../src/main/core/embed/sentence-encoder';
import { distinctiveFtsQuery } from '../../src/main/core/search/common-words';
import { VectorStore } from '../../src/main/core/search/vectors';
import { searchWords } from '../../src/main/core/tickets/query';
import { writeDemoFile } from '../../src/main/core/demo/file';
import { main } from '../../src/main/host/cli';
import { writeTinyModel } from '../fixtures/tiny-model';
import { runToEnd, tempDir, testEngine, waitFor } from '../helpers/temp';

function randomUnit(seed: { s: number }, dimension: number): Float32Array {
  const v = new Float32Array(dimension);
  for (let i = 0; i < dimension; i++) {
    seed.s = (Math.imul(seed.s, 1664525) + 1013904223) >>> 0;
    v[i] = seed.s / 2 ** 32 - 0.5;
  }
  return l2normalize(v);
}
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('vector store (sqlite-vec)', () => {
  it('returns exactly the brute-force nearest neighbours on random vectors', () => {
    const db = openDatabase(join(tempDir(), 'v.db'), { create: true });
    const store = VectorStore.open(db, 'test-model', 48);
    const seed = { s: 7 };
    const all = Array.from({ length: 2000 }, () => randomUnit(seed, 48));
    db.transaction(() => all.forEach((v, i) => store.put(i % 3 === 0 ? 'reply' : 'question', i + 1, 0, 'h', v)))();
    for (let q = 0; q < 10; q++) {
      const query = randomUnit(seed, 48);
      const expected = all
        .map((v, i) => ({ id: i + 1, s: dot(v, query) }))
        .sort((a, b) => b.s - a.s)
        .slice(0, 10);
      const got = store.nearest(query, 10, 'ticket');
      expect(got.map((n) => n.refId)).toEqual(expected.map((e) => e.id));
      got.forEach((n, i) => expect(n.similarity).toBeCloseTo(expected[i]!.s, 5));
    }
    expect(store.nearest(randomUnit(seed, 48), 5, 'article')).toEqual([]); // another partition
    db.close();
  });

  it('narrows large collections by sign bits and still finds the clustered neighbours', () => {
    const db = openDatabase(join(tempDir(), 'v.db'), { create: true });
    const store = VectorStore.open(db, 'big', 384);
    const seed = { s: 11 };
    const centers = Array.from({ length: 300 }, () => randomUnit(seed, 384));
    const all = Array.from({ length: 21_000 }, (_, i) => {
      const noise = randomUnit(seed, 384);
      return l2normalize(centers[i % 300]!.map((x, j) => x + 0.15 * noise[j]!));
    });
    db.transaction(() => all.forEach((v, i) => store.put('question', i + 1, 0, 'h', v)))();
    let hits = 0;
    for (let q = 0; q < 20; q++) {
      const query = l2normalize(centers[q * 7]!.map((x, j) => x + 0.15 * randomUnit(seed, 384)[j]!));
      const expected = new Set(
        all
          .map((v, i) => ({ id: i + 1, s: dot(v, query) }))
          .sort((a, b) => b.s - a.s)
          .slice(0, 10)
          .map((e) => e.id),
      );
      hits += store.nearest(query, 10, 'ticket').filter((n) => expected.has(n.refId)).length;
    }
    expect(hits / 200).toBeGreaterThanOrEqual(0.95);
    db.close();
  });
});

describe('indexing and hybrid search', () => {
  async function indexed(dataDir = tempDir()) {
    const handle = testEngine(dataDir);
    await handle.call('workspace.create', { name: 'Search' });
    const jobs: { kind: string; status: string }[] = [];
    handle.engine.on((event, job) => event === 'job.done' && jobs.push(job as { kind: string; status: string }));
    const path = join(tempDir(), 'tickets.jsonl');
    const ticket = (id: string, subject: string, question: string, reply: string) =>
      JSON.stringify({
        id,
        subject,
        status: 'solved',
        created_at: '2026-03-02T09:00:00Z',
        messages: [
          { role: 'customer', created_at: '2026-03-02T09:00:00Z', body: `Hi there, ${question} Thanks, Ana` },
          { role: 'bot', created_at: '2026-03-02T09:00:05Z', body: 'I’m not sure about that.' },
          { role: 'agent', created_at: '2026-03-02T09:30:00Z', body: `Hello Ana,\n\n${reply}\n\nBest,\nPriya` },
        ],
      });
    writeFileSync(
      path,
      [
        ticket(
          'S-1',
          'Descale the kettle',
          'How do I descale my kettle? There is limescale everywhere.',
          'Fill it with vinegar and water and run the descale program.',
        ),
        ticket('S-2', 'Refund timing', 'When will my refund arrive on my card?', 'Refunds reach your bank within 3 to 10 business days.'),
        ticket('S-3', 'Wi-Fi setup', 'My kettle will not join the wifi network.', 'The kettle needs a 2.4 GHz network; reset its Wi-Fi.'),
        ticket('S-4', 'Order ZQX-99812 missing', 'Order ZQX-99812 never arrived.', 'We are sending a replacement.'),
      ].join('\n'),
    );
    await runToEnd(handle, () => handle.call('import.start', { path }));
    await waitFor(() => (jobs.some((j) => j.kind === 'embed.workspace') ? true : undefined), 20_000, 'indexing after the import');
    expect(jobs.find((j) => j.kind === 'embed.workspace')!.status).toBe('done');
    return handle;
  }

  it('indexes questions and human replies after an import with the default sentence encoder, then only what changed', async () => {
    const handle = await indexed();
    const status = await handle.call('embedding.status', {});
    expect(status.active).toMatchObject({ dimension: 512, vectors: 8 }); // 4 questions + 4 replies
    expect(status.active!.model).toBe(STATIC_ENCODER_ID);
    const again = await runToEnd(handle, () => handle.call('embedding.rebuild', {}));
    expect(again.status).toBe('done');
    const db = handle.workspaces.requireCurrent().db;
    // 4 questions, 4 replies and the sentences of the two questions of several: S-1's three, S-4's two
    // ("Refund timing." is too short a sentence to stand alone), each kept once
    expect((db.prepare('SELECT count(*) AS n FROM embeddings').get() as { n: number }).n).toBe(13);
    // search ranks the whole texts: the sentences are read by ticket, for matching, and stay out of its index
    const table = db.prepare('SELECT vec_table FROM vector_models WHERE model = ?').pluck().get(status.active!.model) as string;
    expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(8);
    expect((await handle.call('embedding.status', {})).active!.model).toBe(status.active!.model);
  });

  it('finds a ticket by an exact rare token and by a paraphrase', async () => {
    const { call } = await indexed();
    const byToken = await call('search.query', { text: 'ZQX-99812' });
    expect(byToken[0]).toMatchObject({ externalId: 'S-4' });
    expect(byToken[0]!.matchedBy).toContain('words');
    const byMeaning = await call('search.query', { text: 'limescale in the kettle, how to remove it' });
    expect(byMeaning[0]).toMatchObject({ externalId: 'S-1' });
    expect(byMeaning[0]!.matchedBy).toContain('meaning');
    // no ticket holds all these words, so full text finds nothing; by meaning it is the refund question
    const paraphrase = await call('search.query', { text: 'how long before the refund shows up on my card' });
    expect(paraphrase[0]!.matchedBy).toEqual(['meaning']);
    expect(paraphrase[0]).toMatchObject({ externalId: 'S-2' });
    const list = await call('tickets.list', { filter: { text: 'kettle wifi' } });
    expect(list.rows[0]!.externalId).toBe('S-3');
  });

  it('switches to a newly chosen model only once it is complete, then drops the old vectors', async () => {
    const handle = await indexed();
    const before = (await handle.call('embedding.status', {})).active!.model;
    const model = writeTinyModel(join(tempDir(), 'tiny'));
    const finished = await runToEnd(handle, async () => {
      const status = await handle.call('embedding.configure', { provider: 'transformers', folder: model.dir });
      expect(status.active!.model).toBe(before); // still searching the old index while the new one builds
      return (await handle.call('jobs.list', {})).find((j) => j.kind === 'embed.workspace')!;
    });
    expect(finished.status).toBe('done');
    const after = await handle.call('embedding.status', {});
    expect(after.active).toMatchObject({ model: `transformers/folder:${model.dir}@fp32`, dimension: model.hidden, vectors: 8 });
    expect(after.building).toBeNull();
    const db = handle.workspaces.requireCurrent().db;
    expect(db.prepare('SELECT model FROM vector_models').pluck().all()).toEqual([after.active!.model]);
    expect((await handle.call('search.query', { text: 'ZQX-99812' }))[0]!.externalId).toBe('S-4');
  });

  it('keeps the index of a working model when a newly chosen one cannot load', async () => {
    const handle = await indexed();
    const model = writeTinyModel(join(tempDir(), 'tiny'));
    await runToEnd(handle, async () => {
      await handle.call('embedding.configure', { provider: 'transformers', folder: model.dir });
      return (await handle.call('jobs.list', {}))[0]!;
    });
    const working = (await handle.call('embedding.status', {})).active!.model;
    const failed = await runToEnd(handle, async () => {
      await handle.call('embedding.configure', { provider: 'transformers', folder: join(tempDir(), 'no-model') });
      return (await handle.call('jobs.list', {}))[0]!;
    });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/is not a model folder/);
    expect((await handle.call('embedding.status', {})).active!.model).toBe(working);
    expect((await handle.call('search.query', { text: 'descale limescale' }))[0]!.externalId).toBe('S-1');
  });

  it('indexes with the full sentence encoder on several threads, each text stored with its own vector', async () => {
    const handle = testEngine(tempDir());
    await handle.call('workspace.create', { name: 'Full' });
    const topics = ['descale the kettle', 'track my parcel', 'change my delivery address', 'reset my password', 'get an invoice'];
    const path = join(tempDir(), 'tickets.jsonl');
    writeFileSync(
      path,
      Array.from({ length: 40 }, (_, i) =>
        JSON.stringify({
          id: `F-${i}`,
          subject: null,
          status: 'solved',
          created_at: '2026-03-02T09:00:00Z',
          messages: [
            { role: 'customer', created_at: '2026-03-02T09:00:00Z', body: `How do I ${topics[i % 5]}? It is order ${1000 + i}.` },
            { role: 'agent', created_at: '2026-03-02T09:30:00Z', body: `Here is how to ${topics[(i + 2) % 5]}, step ${i}.` },
          ],
        }),
      ).join('\n'),
    );
    await runToEnd(handle, () => handle.call('import.start', { path }));
    const indexing = await runToEnd(handle, async () => {
      await handle.call('embedding.configure', { provider: 'use', model: 'full' });
      return (await handle.call('jobs.list', {})).find((j) => j.kind === 'embed.workspace')!;
    });
    expect(indexing.status).toBe('done');
    const db = handle.workspaces.requireCurrent().db;
    const stored = await vectorsByMeaning(db, db.prepare('SELECT id FROM tickets').pluck().all() as number[], { embedMissing: false });
    expect(stored!.model).toBe(SENTENCE_ENCODER_ID);
    const texts = ticketTexts(db, { ids: [...stored!.question.keys()] });
    expect(texts).toHaveLength(40);
    const encoder = await SentenceEncoderEmbedder.load();
    const expected = await encoder.embed(texts.flatMap((t) => [t.question, t.reply!]));
    texts.forEach((t, i) => {
      expect(dot(stored!.question.get(t.id)!, expected[2 * i]!)).toBeGreaterThan(0.9999);
      expect(dot(stored!.reply.get(t.id)!, expected[2 * i + 1]!)).toBeGreaterThan(0.9999);
    });
    // a question of two sentences ("How do I …? It is order 1000.") has each on its own as well, for matching
    const first = texts.find((t) => t.question.startsWith('How do I descale'))!;
    const [asks, order] = await encoder.embed(['How do I descale the kettle?', 'It is order 1000.']);
    expect(sentenceVectors(db, stored!.model, first.id).map((v, i) => dot(v, [asks!, order!][i]!))).toEqual([
      expect.closeTo(1, 4),
      expect.closeTo(1, 4),
    ]);

    // reworded to one sentence, the question keeps no sentence of its earlier wording
    writeFileSync(
      path,
      JSON.stringify({
        id: 'F-0',
        subject: null,
        status: 'solved',
        created_at: '2026-03-02T09:00:00Z',
        updated_at: '2026-03-03T09:00:00Z',
        messages: [
          { role: 'customer', created_at: '2026-03-02T09:00:00Z', body: 'How do I descale the kettle' },
          { role: 'agent', created_at: '2026-03-02T09:30:00Z', body: 'Here is how to change my delivery address, step 0.' },
        ],
      }),
    );
    await runToEnd(handle, () => handle.call('import.start', { path }));
    await runToEnd(handle, () => handle.call('embedding.rebuild', {}));
    const again = await vectorsByMeaning(db, [first.id], { embedMissing: false });
    expect(ticketTexts(db, { ids: [first.id] })[0]!.question).toBe('How do I descale the kettle');
    expect(again!.question.has(first.id)).toBe(true);
    expect(sentenceVectors(db, stored!.model, first.id)).toEqual([]);
  }, 120_000);

  it('switches the embedder from the command line and says which it indexed with', async () => {
    const dataDir = tempDir();
    const handle = await indexed(dataDir);
    await handle.close();
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main([...args, '--data-dir', dataDir], { out: (t) => out.push(t), err: (t) => err.push(t) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    expect(await run('index', '--embedder', 'tiny')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--embedder fast, full or words/),
    });
    expect(await run('index', '--embedder', 'words')).toMatchObject({
      code: 0,
      out: expect.stringMatching(/texts indexed with builtin\/lexical-v1/),
    });
    expect(await run('index', '--embedder', 'fast')).toMatchObject({
      code: 0,
      out: expect.stringMatching(new RegExp(`8 texts indexed with ${STATIC_ENCODER_ID}`)),
    });
  }, 120_000); // starts the command line several times: slow on a busy machine
});

describe('a model that cannot be loaded, before anything is indexed', () => {
  it('indexes with the built-in embedder instead and says why', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Fallback' });
    await handle.call('embedding.configure', { provider: 'transformers', model: 'Xenova/all-MiniLM-L6-v2' }); // no download allowed
    const path = join(tempDir(), 'one.jsonl');
    writeFileSync(
      path,
      JSON.stringify({ id: 'F-1', created_at: '2026-03-02T09:00:00Z', messages: [{ role: 'customer', body: 'How do I descale?' }] }),
    );
    const done: { kind: string; status: string; message: string | null }[] = [];
    handle.engine.on((event, job) => event === 'job.done' && done.push(job as (typeof done)[number]));
    await runToEnd(handle, () => handle.call('import.start', { path }));
    const indexing = await waitFor(() => done.filter((j) => j.kind === 'embed.workspace').at(-1), 20_000, 'indexing');
    expect(indexing.status).toBe('done');
    expect(indexing.message).toMatch(/could not be loaded\. Downloads are not allowed.*The built-in embedder was used instead/);
    expect((await handle.call('embedding.status', {})).active!.model).toMatch(/^builtin\//);
  });
});

describe('words most tickets contain', () => {
  it('are left out of the full-text part of a search on a large workspace, keeping them all when every word is common', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Words' });
    await handle.call('learning.configure', { auto: false });
    const path = join(tempDir(), 'demo.jsonl');
    await writeDemoFile(path, { weeks: 4, perWeek: 300, seed: 5 });
    await runToEnd(handle, () => handle.call('import.start', { path }));
    const db = handle.workspaces.requireCurrent().db;
    const share = (match: string) =>
      (db.prepare('SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH ?').pluck().get(match) as number) /
      (db.prepare('SELECT count(*) FROM tickets').pluck().get() as number);
    expect(share('"the"')).toBeGreaterThan(0.25);
    expect(share('"refund"')).toBeLessThan(0.25);

    expect(distinctiveFtsQuery(db, searchWords('how long does the refund take'))).not.toMatch(/"the"/);
    expect(distinctiveFtsQuery(db, searchWords('how long does the refund take'))).toMatch(/"refund"/);
    // every word common: all of them stay, so the search still narrows
    expect(distinctiveFtsQuery(db, searchWords('the I'))).toBe('"the" "I"*');
    // the search itself still finds refund tickets by words
    const hits = await handle.call('search.query', { text: 'the refund', limit: 10 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((h) => h.matchedBy.includes('words')).length).toBeGreaterThan(0);
  }, 120_000);

  it('are kept on a small workspace, where full text is fast anyway', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Small' });
    const db = handle.workspaces.requireCurrent().db;
    expect(distinctiveFtsQuery(db, searchWords('the refund'))).toBe('"the" "refund"*');
  });
});
