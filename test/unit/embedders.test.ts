import { join } from 'node:path';
import { guardedFetch } from '../helpers/egress';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DemoCompany } from '../../src/main/core/demo/generator';
import { cosine } from '../../src/main/core/embed/embedder';
import { fitIdf, LexicalEmbedder } from '../../src/main/core/embed/lexical';
import { listOllamaModels, OllamaEmbedder } from '../../src/main/core/embed/ollama';
import { TransformersEmbedder } from '../../src/main/core/embed/transformers';
import { writeTinyModel } from '../fixtures/tiny-model';
import { startFakeOllama } from '../helpers/fake-ollama';
import { onCleanup, tempDir } from '../helpers/temp';

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('transformers.js embedder, offline with a generated model', () => {
  let fetchSpy: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.reject(new Error('no network in this test')));
  });
  afterEach(() => fetchSpy.mockRestore());

  it('loads a model folder and embeds: shape, normalization, determinism, batching, no network', async () => {
    const model = writeTinyModel(join(tempDir(), 'tiny'));
    const embedder = await TransformersEmbedder.load({ model: model.dir, cacheDir: tempDir(), allowDownload: false });
    expect(embedder.dimension).toBe(model.hidden);
    expect(embedder.id).toBe(`transformers/folder:${model.dir}@fp32`);
    const texts = ['How do I reset my password?', 'where is my order', 'descale the kettle'];
    const batch = await embedder.embed(texts, 'passage');
    expect(batch).toHaveLength(3);
    for (const v of batch) {
      expect(v).toHaveLength(model.hidden);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    const one = await embedder.embed([texts[1]!], 'passage');
    expect(Array.from(one[0]!)).toEqual(Array.from(batch[1]!).map((x) => expect.closeTo(x, 5)) as unknown as number[]);
    const again = await embedder.embed(texts, 'passage');
    expect(again.map((v) => Array.from(v))).toEqual(batch.map((v) => Array.from(v)));
    expect(cosine(batch[0]!, batch[1]!)).toBeLessThan(0.999);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('explains a folder that holds no model, and a hub model it may not download', async () => {
    await expect(TransformersEmbedder.load({ model: tempDir(), cacheDir: tempDir(), allowDownload: false })).rejects.toThrow(
      /is not a model folder/,
    );
    await expect(
      TransformersEmbedder.load({ model: 'Xenova/all-MiniLM-L6-v2', cacheDir: tempDir(), allowDownload: false }),
    ).rejects.toThrow(/could not be loaded\. Downloads are not allowed/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('Ollama embedder against a loopback fake', () => {
  it('lists models, embeds in batches, and normalizes', async () => {
    const fake = await startFakeOllama({ 'nomic-embed-text': 8, 'all-minilm': 4 });
    onCleanup(() => fake.close());
    expect(await listOllamaModels(fake.url, guardedFetch('local-model'))).toEqual(['all-minilm', 'nomic-embed-text']);
    const embedder = await OllamaEmbedder.connect('nomic-embed-text', fake.url, guardedFetch('local-model'));
    expect(embedder).toMatchObject({ id: 'ollama/nomic-embed-text', dimension: 8 });
    const vectors = await embedder.embed(['a', 'bb', 'ccc']);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) expect(norm(v)).toBeCloseTo(1, 5);
    const embedCalls = fake.requests.filter((r) => r.path === '/api/embed');
    expect(embedCalls.at(-1)!.body).toEqual({ model: 'nomic-embed-text', input: ['a', 'bb', 'ccc'] });
  });

  it('says clearly when the model is missing or the server is down', async () => {
    const fake = await startFakeOllama({ 'all-minilm': 4 });
    await expect(OllamaEmbedder.connect('mxbai-embed-large', fake.url, guardedFetch('local-model'))).rejects.toThrow(
      /Ollama has no model "mxbai-embed-large". Pull it first/,
    );
    await fake.close();
    await expect(OllamaEmbedder.connect('all-minilm', fake.url, guardedFetch('local-model'))).rejects.toThrow(/Ollama is not reachable at/);
    await expect(listOllamaModels(fake.url, guardedFetch('local-model'))).rejects.toThrow(/not reachable/);
  });
});

describe('built-in lexical embedder', () => {
  it('puts phrasings of one demo topic closer to each other than to other topics, for most pairs', async () => {
    const company = new DemoCompany({ seed: 2, weeks: 4, perWeek: 400, start: '2026-01-05T00:00:00.000Z' });
    const lines = [...company.all()].filter((l) => l.truth.topic && l.truth.language === 'en');
    const questions = lines.map((l) => ({ topic: l.truth.topic!, text: `${l.subject} ${l.messages[0]!.body}`.replace(l.subject, '') }));
    const embedder = new LexicalEmbedder(fitIdf(questions.map((q) => q.text)));
    const vectors = await embedder.embed(questions.map((q) => q.text));
    // for each question: is its nearest other question about the same topic?
    let same = 0;
    for (let i = 0; i < vectors.length; i++) {
      let best = -2;
      let bestTopic = '';
      for (let j = 0; j < vectors.length; j++) {
        if (i === j) continue;
        const s = cosine(vectors[i]!, vectors[j]!);
        if (s > best) [best, bestTopic] = [s, questions[j]!.topic];
      }
      if (bestTopic === questions[i]!.topic) same++;
    }
    const share = same / vectors.length;
    expect(share).toBeGreaterThan(0.8);
    console.log(`lexical nearest-neighbour topic agreement on demo questions: ${(share * 100).toFixed(1)}% of ${vectors.length}`);
  });

  it('keeps a typo close to the word it mangles, and is deterministic and normalized', async () => {
    const embedder = new LexicalEmbedder();
    const [a, typo, other] = await embedder.embed(['How do I descale my kettle?', 'how do i decsale my kettle', 'Where is my refund?']);
    expect(cosine(a!, typo!)).toBeGreaterThan(cosine(a!, other!) + 0.3);
    expect(norm(a!)).toBeCloseTo(1, 6);
    expect(Array.from(embedder.embedOne('How do I descale my kettle?'))).toEqual(Array.from(a!));
    expect(new LexicalEmbedder(fitIdf(['a b', 'b c'])).id).not.toBe(embedder.id);
  });
});
