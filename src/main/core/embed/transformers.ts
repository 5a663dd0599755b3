import { existsSync } from 'node:fs';
import { asRole, egressFetch, egressRefusal } from '../privacy/egress';
import { isAbsolute, join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { l2normalize, type EmbedKind, type Embedder } from './embedder';
import { TRANSFORMERS_MODELS } from './models';

export interface TransformersOptions {
  /** A model id from the hub (cached under `cacheDir`), or an absolute path to a model folder. */
  model: string;
  cacheDir: string;
  /** Whether the model may be downloaded when it is not cached yet. */
  allowDownload: boolean;
  /** 'q8' (quantized, the default for hub models) or 'fp32'. */
  dtype?: 'q8' | 'fp32';
  /** Download progress, 0..1, per file. */
  onProgress?: (file: string, fraction: number) => void;
}

type Extractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ data: Float32Array; dims: number[] }>;

/**
 * Embeddings with transformers.js (ONNX Runtime on this machine): feature extraction, mean
 * pooling, normalized. Models come from the app-data cache, a folder the lead points to
 * (air-gapped machines), or a one-time download.
 */
export class TransformersEmbedder implements Embedder {
  private constructor(
    readonly id: string,
    readonly dimension: number,
    private readonly extractor: Extractor,
    private readonly prefixes: { query: string; passage: string },
  ) {}

  static async load(options: TransformersOptions): Promise<TransformersEmbedder> {
    const { env, pipeline } = await import('@huggingface/transformers');
    const folder = isAbsolute(options.model);
    if (folder && !existsSync(join(options.model, 'config.json'))) {
      throw new AppError('NOT_FOUND', `${options.model} is not a model folder (it has no config.json).`);
    }
    env.cacheDir = options.cacheDir;
    env.allowLocalModels = true;
    env.localModelPath = folder ? '' : options.cacheDir;
    env.allowRemoteModels = !folder && options.allowDownload;
    // a download is a request like any other: through the guard, which local-only mode may refuse
    env.fetch = egressFetch;
    const known = TRANSFORMERS_MODELS.find((m) => m.id === options.model);
    const dtype = options.dtype ?? (folder ? 'fp32' : 'q8');
    let extractor: Extractor;
    try {
      extractor = (await asRole('model-download', `Download the embedding model ${options.model}`, () =>
        pipeline('feature-extraction', options.model, {
          dtype,
          progress_callback: (p: { status: string; file?: string; progress?: number }) => {
            if (p.status === 'progress' && p.file) options.onProgress?.(p.file, (p.progress ?? 0) / 100);
          },
        }),
      )) as unknown as Extractor;
    } catch (error) {
      const refused = egressRefusal(error);
      if (refused) throw refused;
      const detail = error instanceof Error ? error.message : String(error);
      const hint = env.allowRemoteModels
        ? 'It could not be downloaded (no connection?). Use a model folder in Settings, or the built-in embedder.'
        : 'Downloads are not allowed; point Settings at a model folder, or use the built-in embedder.';
      throw new AppError('UNAVAILABLE', `The embedding model ${options.model} could not be loaded. ${hint} (${detail})`);
    }
    const probe = await extractor(['probe'], { pooling: 'mean', normalize: true });
    const dimension = probe.dims[probe.dims.length - 1]!;
    const id = `transformers/${folder ? `folder:${options.model}` : options.model}@${dtype}`;
    return new TransformersEmbedder(id, dimension, extractor, { query: known?.queryPrefix ?? '', passage: known?.passagePrefix ?? '' });
  }

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    if (!texts.length) return [];
    const prefix = this.prefixes[kind];
    const output = await this.extractor(
      texts.map((t) => prefix + t),
      { pooling: 'mean', normalize: true },
    );
    return texts.map((_, i) => l2normalize(Float32Array.from(output.data.subarray(i * this.dimension, (i + 1) * this.dimension))));
  }
}
