/**
 * Entry of a helper thread of the full sentence encoder (see encoder-pool.ts): loads the model
 * once, then embeds each batch of texts it is sent and posts the vectors back.
 */
import { parentPort } from 'node:worker_threads';
import { SentenceEncoderEmbedder } from './sentence-encoder';

export interface EncodeRequest {
  id: number;
  texts: string[];
}
export type EncodeReply = { id: number; vectors: Float32Array[] } | { id: number; error: string };

const model = SentenceEncoderEmbedder.load();
model.catch(() => undefined); // a model that cannot load is reported to each request below

parentPort?.on('message', ({ id, texts }: EncodeRequest) => {
  model
    .then((m) => m.embed(texts))
    .then(
      (vectors) =>
        parentPort?.postMessage(
          { id, vectors } satisfies EncodeReply,
          vectors.map((v) => v.buffer as ArrayBuffer),
        ),
      (error: unknown) =>
        parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies EncodeReply),
    );
});
