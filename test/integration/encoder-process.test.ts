import { describe, expect, it } from 'vitest';
import { cosine } from '../../src/main/core/embed/embedder';
import { ParallelSentenceEncoder } from '../../src/main/core/embed/encoder-pool';
import { SentenceEncoderEmbedder } from '../../src/main/core/embed/sentence-encoder';

describe('the sentence encoder in a Node process', () => {
  it('leaves no process-wide error handlers behind, so a later error prints its own message', async () => {
    const before = [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
    const encoder = await SentenceEncoderEmbedder.load();
    const [vector] = await encoder.embed(['How do I descale my kettle?']);
    expect(vector!.length).toBe(encoder.dimension);
    expect([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')]).toEqual(before);
  }, 120_000);
});

describe('the full sentence encoder on several threads', () => {
  const questions = [
    'How do I descale my kettle?',
    'My parcel never arrived',
    'Can I change the delivery address after ordering?',
    'The app will not let me log in',
    'Where do I find my invoice?',
  ];
  // long and short texts mixed, as an index run's questions and replies are
  const texts = Array.from({ length: 90 }, (_, i) =>
    i % 3 === 0 ? `${questions[i % 5]} I tried twice already and it still does not work, order ${i}.` : `${questions[i % 5]} (${i})`,
  );

  it('gives each text the vector one thread gives it, in the order asked, and starts again after it is closed', async () => {
    const one = await SentenceEncoderEmbedder.load();
    const pool = (await ParallelSentenceEncoder.load(2)) as ParallelSentenceEncoder;
    expect(pool).toBeInstanceOf(ParallelSentenceEncoder);
    try {
      await pool.embed(texts.slice(0, 10)); // a small batch stays on this thread
      expect(pool.helpersRunning).toBe(0);
      const expected = await one.embed(texts);
      const cosines = (await pool.embed(texts)).map((v, i) => cosine(v, expected[i]!));
      expect(pool.helpersRunning).toBe(1);
      expect(Math.min(...cosines)).toBeGreaterThan(0.9999);
      await pool.close();
      expect(pool.helpersRunning).toBe(0);
      const again = await pool.embed(texts.slice(0, 70));
      expect(pool.helpersRunning).toBe(1);
      expect(cosine(again[69]!, expected[69]!)).toBeGreaterThan(0.9999);
    } finally {
      await pool.close();
    }
  }, 180_000);

  it('is the one thread alone where there is one core to run on', async () => {
    expect(await ParallelSentenceEncoder.load(1)).toBeInstanceOf(SentenceEncoderEmbedder);
  }, 120_000);
});
