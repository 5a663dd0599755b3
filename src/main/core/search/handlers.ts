import type { EmbeddingConfig, EmbeddingStatus } from '../../../shared/domain/embedding';
import { withEgress } from '../privacy/egress';
import { isIngestKind } from '../../../shared/domain/job';
import type { Engine } from '../app';
import type { DB } from '../db/open';
import { DEFAULT_EMBEDDING } from '../embed/factory';
import { TRANSFORMERS_MODELS } from '../embed/models';
import { DEFAULT_OLLAMA_HOST, listOllamaModels } from '../embed/ollama';
import type { QueryEmbedders } from '../embed/service';
import type { JobService } from '../jobs/handlers';
import { getSetting, setSetting } from '../system/settings';
import { QUESTION_LINE } from '../tickets/sql';
import { inEnglish } from '../text/language';
import type { Workspaces } from '../workspace/workspaces';
import { hybridTicketSearch } from './hybrid';
import { WHOLE_TEXTS } from './vectors';

function status(db: DB): EmbeddingStatus {
  const active = getSetting<string | null>(db, 'embedding.active', null);
  const models = db
    .prepare(
      `SELECT v.model, v.dimension, count(e.id) FILTER (WHERE ${WHOLE_TEXTS}) AS vectors FROM vector_models v LEFT JOIN embeddings e ON e.model = v.model GROUP BY v.model`,
    )
    .all() as {
    model: string;
    dimension: number;
    vectors: number;
  }[];
  const current = models.find((m) => m.model === active) ?? null;
  const building = models.find((m) => m.model !== active) ?? null;
  return {
    config: getSetting<EmbeddingConfig>(db, 'embedding.config', DEFAULT_EMBEDDING),
    active: current,
    building: building ? { model: building.model, vectors: building.vectors } : null,
    tickets: (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n,
    otherLanguages: otherLanguages(db),
    transformersModels: TRANSFORMERS_MODELS.map(({ id, label, dimension, languages }) => ({ id, label, dimension, languages })),
  };
}

/** How many latest tickets are read for their language: enough for a share, quick on every look at Settings. */
const LANGUAGE_SAMPLE = 500;

/**
 * The share of the latest tickets asked in another language than English, which the English
 * models read by their words alone.
 */
function otherLanguages(db: DB): EmbeddingStatus['otherLanguages'] {
  const asked = (
    db.prepare(`SELECT ${QUESTION_LINE} FROM tickets t ORDER BY t.created_at DESC LIMIT ${LANGUAGE_SAMPLE}`).pluck().all() as (
      string | null
    )[]
  ).filter((q): q is string => Boolean(q?.trim()));
  return { sampled: asked.length, share: asked.length ? asked.filter((q) => !inEnglish(q)).length / asked.length : 0 };
}

export function registerSearchHandlers(engine: Engine, workspaces: Workspaces, jobs: JobService, embedders: QueryEmbedders): void {
  const db = () => workspaces.requireCurrent().db;
  // indexing reads every text not indexed yet: a request while one waits to start joins it
  const startIndexing = () => jobs.runner().active(['embed.workspace'], 'queued') ?? jobs.runner().start('embed.workspace', {});

  // tickets read again under this version's rules may ask or answer differently
  workspaces.onOpen((ws) => {
    if (ws.rederived > 0) startIndexing();
  });
  // new tickets get indexed as soon as an import finishes
  engine.on((event, payload) => {
    const job = payload as { kind?: string; status?: string };
    if (event === 'job.done' && job.status === 'done' && isIngestKind(job.kind ?? '') && workspaces.current()) startIndexing();
  });

  engine.register('search.query', async ({ text, limit }) => {
    // a query embedded by an Ollama model goes to that server: declared, like every request
    const hits = await withEgress({ db: db(), role: 'local-model', purpose: 'Search by meaning' }, async () =>
      hybridTicketSearch(db(), text, limit, await embedders.active(db()).catch(() => null)),
    );
    if (!hits.length) return [];
    const rows = db()
      .prepare(
        `SELECT t.id, t.external_id, t.subject, t.created_at,
           substr(${QUESTION_LINE}, 1, 200) AS preview
         FROM tickets t WHERE t.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(hits.map((h) => h.ticketId))) as {
      id: number;
      external_id: string;
      subject: string | null;
      created_at: string;
      preview: string | null;
    }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return hits.flatMap((h) => {
      const r = byId.get(h.ticketId);
      return r
        ? [
            {
              ticketId: r.id,
              externalId: r.external_id,
              subject: r.subject,
              preview: (r.preview ?? '').replace(/\s+/g, ' ').trim(),
              createdAt: r.created_at,
              score: h.score,
              matchedBy: h.matchedBy,
            },
          ]
        : [];
    });
  });
  engine.register('embedding.status', () => status(db()));
  engine.register('embedding.configure', (config) => {
    setSetting(db(), 'embedding.config', config);
    startIndexing();
    return status(db());
  });
  engine.register('embedding.rebuild', () => startIndexing());
  engine.register('ollama.models', ({ host }) =>
    withEgress({ db: db(), role: 'local-model', purpose: 'List the Ollama models' }, () => listOllamaModels(host ?? DEFAULT_OLLAMA_HOST)),
  );
}
