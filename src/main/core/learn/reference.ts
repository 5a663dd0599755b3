import type { DB } from '../db/open';
import { inTransaction } from '../db/transaction';
import { DemoCompany } from '../demo/generator';
import { embedderOf } from '../embed/service';
import { questionText, replyAnswer } from '../text/clean';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { Signals } from './meaning';

/**
 * Reference texts: questions and answers about many unrelated matters (the demo company's
 * support, a few per topic). Mixed into every similarity background, they tell the engine how
 * alike two unrelated support texts are even in a workspace that holds one or two topics, where
 * random pairs of its own tickets are mostly pairs of the same topic.
 */
const PER_TOPIC = 6;

let texts: { question: string; reply: string }[] | null = null;

export function referenceTexts(): { question: string; reply: string }[] {
  if (texts) return texts;
  const counts = new Map<string, number>();
  const out: { question: string; reply: string }[] = [];
  for (const line of new DemoCompany({ seed: 1, weeks: 8, perWeek: 250, start: '2024-01-01T00:00:00.000Z' }).all()) {
    const topic = line.truth.topic;
    const customer = line.messages.find((m) => m.role === 'customer');
    const agent = line.messages.find((m) => m.role === 'agent' && m.public);
    if (!topic || !customer || !agent || line.truth.language !== 'en' || (counts.get(topic) ?? 0) >= PER_TOPIC) continue;
    counts.set(topic, (counts.get(topic) ?? 0) + 1);
    out.push({ question: questionText(line.subject, customer.body), reply: replyAnswer(agent.body) });
  }
  texts = out;
  return out;
}

let version: string | null = null;
const referenceVersion = () =>
  (version ??= createHash('sha1')
    .update(
      referenceTexts()
        .flatMap((t) => [t.question, t.reply])
        .join('\0'),
    )
    .digest('hex')
    .slice(0, 16));

const asVector = (blob: Buffer) => {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
};

/**
 * The reference texts with their vectors by the workspace's model (embedded on first use and
 * kept), or with none when the workspace works from words alone (`model` null or built-in).
 */
export async function referenceSignals(
  db: DB,
  model: string | null,
  options: { embedMissing?: boolean } = {},
): Promise<{ question: Signals[]; reply: Signals[] }> {
  const all = referenceTexts();
  const plain = {
    question: all.map((t) => ({ text: t.question, semantic: null })),
    reply: all.map((t) => ({ text: t.reply, semantic: null })),
  };
  if (!model || model.startsWith('builtin/')) return plain;
  // kept under the model and the version of the texts: vectors of texts that have changed since
  // (how replies are read, say) are not read
  const key = `${model}@texts:${referenceVersion()}`;
  const stored = () =>
    db.prepare('SELECT kind, idx, vector FROM reference_vectors WHERE model = ?').all(key) as {
      kind: 'question' | 'reply';
      idx: number;
      vector: Buffer;
    }[];
  let rows = stored();
  if (rows.length < all.length * 2 && options.embedMissing !== false) {
    const embedder = await embedderOf(db, model, dirname(dirname(db.name))).catch(() => null);
    if (!embedder) return plain;
    const questions = await embedder.embed(
      all.map((t) => t.question),
      'passage',
    );
    const replies = await embedder.embed(
      all.map((t) => t.reply),
      'passage',
    );
    inTransaction(db, () => {
      // this model's vectors of earlier texts go
      const earlier = `${model}@texts:`;
      db.prepare('DELETE FROM reference_vectors WHERE model = ? OR substr(model, 1, ?) = ?').run(model, earlier.length, earlier);
      const insert = db.prepare('INSERT OR REPLACE INTO reference_vectors (model, kind, idx, vector) VALUES (?, ?, ?, ?)');
      const blob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      questions.forEach((v, i) => insert.run(key, 'question', i, blob(v)));
      replies.forEach((v, i) => insert.run(key, 'reply', i, blob(v)));
    });
    rows = stored();
  }
  const vectors = { question: new Map<number, Float32Array>(), reply: new Map<number, Float32Array>() };
  for (const r of rows) vectors[r.kind].set(r.idx, asVector(r.vector));
  return {
    question: all.map((t, i) => ({ text: t.question, semantic: vectors.question.get(i) ?? null })),
    reply: all.map((t, i) => ({ text: t.reply, semantic: vectors.reply.get(i) ?? null })),
  };
}
