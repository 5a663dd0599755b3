import { Ollama } from 'ollama';
import { AppError } from '../../../shared/api/errors';
import { egressFetch, egressRefusal } from '../privacy/egress';
import { l2normalize, type Embedder } from './embedder';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

function explain(error: unknown, host: string, model?: string): AppError {
  const refused = egressRefusal(error);
  if (refused) return refused;
  const detail = error instanceof Error ? error.message : String(error);
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|connect/i.test(detail)) {
    return new AppError('UNAVAILABLE', `Ollama is not reachable at ${host}. Start it (ollama serve) or check the address in Settings.`);
  }
  if (model && /not found/i.test(detail)) {
    return new AppError('NOT_FOUND', `Ollama has no model "${model}". Pull it first: ollama pull ${model}`);
  }
  return new AppError('UNAVAILABLE', `Ollama answered with an error: ${detail}`);
}

/** The models the local Ollama server has (for the picker in Settings). */
export async function listOllamaModels(host = DEFAULT_OLLAMA_HOST, fetchImpl?: typeof fetch): Promise<string[]> {
  try {
    const { models } = await new Ollama({ host, fetch: fetchImpl ?? egressFetch }).list();
    return models.map((m) => m.name).sort();
  } catch (error) {
    throw explain(error, host);
  }
}

/** Embeddings from a local Ollama server through its /api/embed endpoint. */
export class OllamaEmbedder implements Embedder {
  private constructor(
    readonly id: string,
    readonly dimension: number,
    private readonly client: Ollama,
    private readonly model: string,
    private readonly host: string,
  ) {}

  static async connect(model: string, host = DEFAULT_OLLAMA_HOST, fetchImpl?: typeof fetch): Promise<OllamaEmbedder> {
    const client = new Ollama({ host, fetch: fetchImpl ?? egressFetch });
    let dimension: number;
    try {
      const probe = await client.embed({ model, input: ['probe'] });
      dimension = probe.embeddings[0]!.length;
    } catch (error) {
      throw explain(error, host, model);
    }
    return new OllamaEmbedder(`ollama/${model}`, dimension, client, model, host);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (!texts.length) return [];
    try {
      const { embeddings } = await this.client.embed({ model: this.model, input: texts });
      return embeddings.map((e) => l2normalize(Float32Array.from(e)));
    } catch (error) {
      throw explain(error, this.host, this.model);
    }
  }
}
