import { describe, expect, it } from 'vitest';
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
