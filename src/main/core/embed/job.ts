import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { EmbeddingConfig } from '../../../shared/domain/embedding';
import type { DB } from '../db/open';
import type { JobContext, JobKindSpec, JobOutcome } from '../jobs/context';
import { withEgress } from '../privacy/egress';
import { VectorStore } from '../search/vectors';
import { getSetting, setSetting } from '../system/settings';
import { questionSentences, questionText, replyAnswer } from '../text/clean';
import { chunkArticle } from './chunks';
import type { Embedder } from './embedder';
import { createEmbedder, DEFAULT_EMBEDDING, idfFromParams, paramsFromIdf } from './factory';
import { fitIdf, LexicalEmbedder } from './lexical';
import { inTransaction } from '../db/transaction';
import { FIRST_QUESTION, FIRST_REPLY } from '../tickets/sql';

export interface EmbedCheckpoint {
  /** The model being filled, so a resume continues it rather than starting another. */
  model: string;
  lastTicketId: number;
  done: number;
}

const BATCH = 200;
export const contentHash = (text: string) => createHash('sha1').update(text).digest('base64url');

export interface TicketTexts {
  id: number;
  question: string;
  reply: string | null;
}

/**
 * What each ticket contributes to the index: its question, and the first human reply (the
 * answer the learning engine learns from). Either the tickets after an id, or given ones.
 */
export function ticketTexts(db: DB, which: { afterId: number; limit: number } | { ids: number[] }): TicketTexts[] {
  const where = 'ids' in which ? 't.id IN (SELECT value FROM json_each(?)) ORDER BY t.id' : 't.id > ? ORDER BY t.id LIMIT ?';
  const params = 'ids' in which ? [JSON.stringify(which.ids)] : [which.afterId, which.limit];
  const rows = db
    .prepare(`SELECT t.id, t.subject, ${FIRST_QUESTION} AS first_customer, ${FIRST_REPLY} AS reply FROM tickets t WHERE ${where}`)
    .all(...params) as {
    id: number;
    subject: string | null;
    first_customer: string | null;
    reply: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    question: questionText(r.subject, r.first_customer),
    reply: r.reply ? replyAnswer(r.reply) || null : null,
  }));
}

export interface IndexedText {
  kind: 'question' | 'reply';
  /** 0 for the whole text; a question's sentences (`questionSentences`) from 1 on. */
  chunk: number;
  text: string;
}

/**
 * The texts of a ticket the index holds: its question, its answer and, with a model by meaning,
 * the question's sentences each on its own (a lexical vector is not blurred by the context around
 * what is asked, so it needs none).
 */
export function indexedTexts(t: TicketTexts, byMeaning: boolean): IndexedText[] {
  return [
    { kind: 'question', chunk: 0, text: t.question },
    ...(byMeaning ? questionSentences(t.question).map((text, i) => ({ kind: 'question' as const, chunk: i + 1, text })) : []),
    ...(t.reply ? [{ kind: 'reply' as const, chunk: 0, text: t.reply }] : []),
  ];
}

function* allQuestions(db: DB): Generator<string> {
  for (let after = 0; ;) {
    const batch = ticketTexts(db, { afterId: after, limit: 2000 });
    if (!batch.length) return;
    for (const t of batch) yield t.question;
    after = batch[batch.length - 1]!.id;
  }
}

/**
 * Embeds every ticket's question, its first human reply and every article chunk with
 * the workspace's embedder; only new or changed text is embedded. A new model fills its own
 * tables while search keeps using the old one, and takes over when complete.
 */
export const embedWorkspaceJob: JobKindSpec<Record<string, never>, EmbedCheckpoint> = {
  title: 'Index tickets for search',
  resumable: true,
  run(ctx) {
    return withEgress({ db: ctx.db, role: 'local-model', purpose: 'Index tickets for search' }, () => embedWorkspace(ctx));
  },
};

async function embedWorkspace(ctx: JobContext<Record<string, never>, EmbedCheckpoint>): Promise<string | JobOutcome> {
  const db = ctx.db;
  const config = getSetting<EmbeddingConfig>(db, 'embedding.config', DEFAULT_EMBEDDING);
  const active = getSetting<string | null>(db, 'embedding.active', null);
  const dataDir = dirname(dirname(db.name));
  const total = (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;

  // the built-in embedder keeps its IDF once fitted, so adding tickets does not change the model
  const target = ctx.checkpoint?.model ?? (config.provider === 'builtin' && active?.startsWith('builtin/') ? active : null);
  let idf = target ? idfFromParams(VectorStore.find(db, target)?.params ?? null) : null;
  if (config.provider === 'builtin' && !idf) {
    ctx.progress(0, total, 'Learning the vocabulary of this workspace');
    idf = fitIdf(allQuestions(db));
  }
  let embedder: Embedder;
  let fallbackNote = '';
  try {
    embedder = await createEmbedder(config, {
      dataDir,
      idf,
      onProgress: (file, fraction) => ctx.progress(Math.round(fraction * 100), 100, `Downloading ${file}`),
    });
  } catch (error) {
    // with no index of another model to keep, the built-in embedder stands in, so search by meaning still works
    if (config.provider === 'builtin' || (active && !active.startsWith('builtin/'))) throw error;
    fallbackNote = ` (${error instanceof Error ? error.message : String(error)} The built-in embedder was used instead.)`;
    idf = (active ? idfFromParams(VectorStore.find(db, active)?.params ?? null) : null) ?? fitIdf(allQuestions(db));
    embedder = new LexicalEmbedder(idf);
  }
  const store = VectorStore.open(
    db,
    embedder.id,
    embedder.dimension,
    embedder instanceof LexicalEmbedder && idf ? paramsFromIdf(idf) : null,
  );
  const byMeaning = !(embedder instanceof LexicalEmbedder);
  const state: EmbedCheckpoint =
    ctx.checkpoint?.model === store.info.model ? ctx.checkpoint : { model: store.info.model, lastTicketId: 0, done: 0 };

  for (;;) {
    ctx.throwIfCancelled();
    const batch = ticketTexts(db, { afterId: state.lastTicketId, limit: BATCH });
    if (!batch.length) break;
    const changed: (IndexedText & { id: number; hash: string })[] = [];
    // a question that changed may have fewer sentences now: the ones beyond go
    const reworded: { id: number; chunks: number }[] = [];
    for (const t of batch) {
      const items = indexedTexts(t, byMeaning);
      for (const item of items) {
        const h = contentHash(item.text);
        if (store.hashOf(item.kind, t.id, item.chunk) === h) continue;
        changed.push({ ...item, id: t.id, hash: h });
        if (item.kind === 'question' && item.chunk === 0)
          reworded.push({ id: t.id, chunks: items.filter((i) => i.kind === 'question').length });
      }
    }
    const vectors = await embedder.embed(
      changed.map((t) => t.text),
      'passage',
    );
    state.lastTicketId = batch[batch.length - 1]!.id;
    state.done += batch.length;
    ctx.commit(state, () => {
      changed.forEach((t, i) => store.put(t.kind, t.id, t.chunk, t.hash, vectors[i]!));
      for (const r of reworded) store.remove('question', r.id, r.chunks);
    });
    ctx.progress(
      state.done,
      Math.max(total, state.done),
      `${state.done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} tickets`,
    );
  }

  const articles = db
    .prepare(
      `SELECT a.id, v.title, v.body_md FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version WHERE a.status = 'active'`,
    )
    .all() as { id: number; title: string; body_md: string }[];
  for (const article of articles) {
    const chunks = chunkArticle(article.title, article.body_md);
    const changed = chunks
      .map((text, i) => ({ text, i, hash: contentHash(text) }))
      .filter((c) => store.hashOf('article', article.id, c.i) !== c.hash);
    const vectors = await embedder.embed(
      changed.map((c) => c.text),
      'passage',
    );
    inTransaction(db, () => {
      changed.forEach((c, j) => store.put('article', article.id, c.i, c.hash, vectors[j]!));
      store.remove('article', article.id, chunks.length);
    });
  }

  inTransaction(db, () => {
    store.markComplete();
    setSetting(db, 'embedding.active', store.info.model);
    dropOtherModels(db, store.info.model);
  });
  return `${store.count().toLocaleString('en-US')} texts indexed with ${store.info.model}${fallbackNote}`;
}

/** Once a model is complete, the vectors of earlier models go. */
function dropOtherModels(db: DB, keep: string): void {
  const others = db.prepare('SELECT model, vec_table FROM vector_models WHERE model != ?').all(keep) as {
    model: string;
    vec_table: string;
  }[];
  for (const other of others) {
    db.exec(`DROP TABLE IF EXISTS ${other.vec_table}`);
    db.prepare('DELETE FROM embeddings WHERE model = ?').run(other.model);
    db.prepare('DELETE FROM vector_models WHERE model = ?').run(other.model);
  }
}
