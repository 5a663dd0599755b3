import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Embedder } from '../../src/main/core/embed/embedder';

const CACHE = join(import.meta.dirname, '../../node_modules/.cache/tideline-eval');

/** Vectors of texts by an embedder, cached on disk by model and texts so a rerun skips the model. */
export async function cachedVectors(embedder: Embedder, texts: string[], onProgress?: (done: number) => void): Promise<Float32Array[]> {
  const key = createHash('sha1').update(embedder.id).update('\0').update(texts.join('\0')).digest('hex').slice(0, 16);
  const file = join(CACHE, `${key}.f32`);
  const d = embedder.dimension;
  if (existsSync(file)) {
    const buf = readFileSync(file);
    const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    return texts.map((_, i) => all.slice(i * d, (i + 1) * d));
  }
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += 256) {
    out.push(...(await embedder.embed(texts.slice(i, i + 256), 'passage')));
    onProgress?.(out.length);
  }
  mkdirSync(CACHE, { recursive: true });
  const all = new Float32Array(texts.length * d);
  out.forEach((v, i) => all.set(v, i * d));
  writeFileSync(file, Buffer.from(all.buffer));
  return out;
}
