import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/api/errors';
import { startThread } from '../threads';
import type { Embedder } from './embedder';
import type { EncodeReply, EncodeRequest } from './encoder-worker';
import { SENTENCE_ENCODER_DIMENSION, SENTENCE_ENCODER_ID, SentenceEncoderEmbedder } from './sentence-encoder';

/**
 * The full sentence encoder on several cores. The WebAssembly backend of TensorFlow.js runs on
 * one thread in Node, so a large batch (an index run's) is dealt out to helper threads, each with
 * its own copy of the model, and this thread embeds its own share meanwhile. A search query and
 * other small batches stay on this thread. The vectors are the ones one thread would give (to the
 * last digits of rounding).
 */

/** Batches smaller than this are not worth a helper thread's round trip. */
const SPLIT_FROM = 64;
/** At most this many threads in all: each helper holds a copy of the model (about 270 MB while it runs). */
const MAX_THREADS = 4;
/** Helpers idle this long are stopped, their memory given back; the next large batch starts them again. */
const IDLE_MS = 30_000;

export function encoderThreads(): number {
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

export class ParallelSentenceEncoder implements Embedder {
  readonly id = SENTENCE_ENCODER_ID;
  readonly dimension = SENTENCE_ENCODER_DIMENSION;
  private readonly helpers: Helper[] = [];
  private idle: NodeJS.Timeout | null = null;

  private constructor(
    private readonly own: SentenceEncoderEmbedder,
    private readonly helperCount: number,
  ) {}

  /** The encoder on `threads` threads (this one included): one thread needs no helper. */
  static async load(threads = encoderThreads()): Promise<Embedder> {
    const own = await SentenceEncoderEmbedder.load();
    return threads <= 1 ? own : new ParallelSentenceEncoder(own, threads - 1);
  }

  /** Helper threads running now (each large batch starts them; idle ones stop). */
  get helpersRunning(): number {
    return this.helpers.length;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length < SPLIT_FROM) return this.own.embed(texts);
    if (this.idle) clearTimeout(this.idle);
    while (this.helpers.length < this.helperCount) this.helpers.push(new Helper());
    const helpers = [...this.helpers];
    // dealt out in turn, so every share holds as many long texts as short ones
    const shares = helpers.length + 1;
    const parts = Array.from({ length: shares }, (_, s) => texts.filter((_, i) => i % shares === s));
    try {
      const done = await Promise.all([this.own.embed(parts[0]!), ...helpers.map((h, k) => h.embed(parts[k + 1]!))]);
      return texts.map((_, i) => done[i % shares]![Math.floor(i / shares)]!);
    } catch (error) {
      await this.close(); // a helper that failed is not asked again: the next batch starts fresh ones
      throw error;
    } finally {
      this.idle = setTimeout(() => void this.close(), IDLE_MS).unref();
    }
  }

  /** Stops the helper threads (they also stop with this thread, and never keep a process alive while idle). */
  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    await Promise.all(this.helpers.splice(0).map((h) => h.close()));
  }
}

/** One helper thread: requests in, vectors out, in the order asked. */
class Helper {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor() {
    this.worker = startThread(import.meta.url, 'encoder-worker');
    this.worker.unref();
    this.worker.on('message', (reply: EncodeReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.settled(reply.id);
      if ('error' in reply) waiting.reject(unavailable(reply.error));
      else waiting.resolve(reply.vectors);
    });
    this.worker.on('error', (error) => this.failAll(error.message));
    this.worker.on('exit', (code) => this.failAll(`the helper thread stopped (exit code ${code})`));
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref(); // a thread waiting on it must not exit meanwhile
      this.worker.postMessage({ id, texts } satisfies EncodeRequest);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private failAll(message: string): void {
    for (const [id, waiting] of this.pending) {
      this.settled(id);
      waiting.reject(unavailable(message));
    }
  }
}

const unavailable = (detail: string) =>
  new AppError(
    'UNAVAILABLE',
    `The full sentence encoder failed on a helper thread: ${detail}. Choose the fast encoder in Settings, or try again.`,
  );
