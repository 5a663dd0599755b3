import type { DrafterConfig, LearningSettings, TopicSummary } from '../../../shared/domain/draft';
import type { SecretStore } from '../secrets/store';
import { DEFAULT_DRAFTER, DRAFTING_KEY, drafterEndpoint, llmClientFor } from './drafter';
import { preflight, withEgress } from '../privacy/egress';
import type { Engine } from '../app';
import type { JobService } from '../jobs/handlers';
import { getSetting, setSetting } from '../system/settings';
import { LEARNING_SINCE_KEY } from '../metrics/dashboard';
import { nowIso } from '../db/open';
import { DEFAULT_BACKFILL_LIMIT } from './backfill';
import { DEFAULT_REPEAT_THRESHOLD } from './loop';
import type { Workspaces } from '../workspace/workspaces';

export function registerLearningHandlers(engine: Engine, workspaces: Workspaces, jobs: JobService, secrets: SecretStore): void {
  const db = () => workspaces.requireCurrent().db;
  const drafting = () => ({
    config: getSetting<DrafterConfig>(db(), 'drafting.config', DEFAULT_DRAFTER),
    hasKey: secrets.get(DRAFTING_KEY) !== undefined,
  });
  engine.register('drafting.settings', drafting);
  engine.register('drafting.configure', ({ apiKey, ...config }) => {
    if (apiKey !== undefined) {
      if (apiKey) secrets.set(DRAFTING_KEY, apiKey);
      else secrets.delete(DRAFTING_KEY);
    }
    setSetting(db(), 'drafting.config', config);
    return drafting();
  });
  engine.register('drafting.test', async ({ apiKey, ...config }) => {
    if (config.provider === 'extractive') return { ok: true as const, summary: 'The extractive drafter needs no server.' };
    const { role, url } = drafterEndpoint(config, 'models');
    const client = llmClientFor(config, apiKey || secrets.get(DRAFTING_KEY));
    const summary = await withEgress({ db: db(), role, purpose: `Test the drafter ${client.name}` }, () => {
      preflight(url, 'GET');
      return client.check();
    });
    return { ok: true as const, summary };
  });
  const settings = (): LearningSettings => ({
    repeatThreshold: getSetting(db(), 'learning.repeatThreshold', DEFAULT_REPEAT_THRESHOLD),
    auto: getSetting(db(), 'learning.auto', true),
    backfillLimit: getSetting(db(), 'learning.backfillLimit', DEFAULT_BACKFILL_LIMIT),
  });
  engine.register('learning.settings', settings);
  engine.register('learning.configure', (change) => {
    if (change.repeatThreshold !== undefined) setSetting(db(), 'learning.repeatThreshold', change.repeatThreshold);
    if (change.auto !== undefined) setSetting(db(), 'learning.auto', change.auto);
    if (change.backfillLimit !== undefined) setSetting(db(), 'learning.backfillLimit', change.backfillLimit);
    return settings();
  });
  engine.register('learn.backfill', ({ limit, minTopicSize }) => {
    const current = settings();
    return (
      jobs.runner().active(['learn.backfill']) ??
      jobs
        .runner()
        .start('learn.backfill', { limit: limit ?? current.backfillLimit, minTopicSize: minTopicSize ?? current.repeatThreshold })
    );
  });
  // a loop already waiting to start will read every new handover: a second request joins it
  const startLoop = () => jobs.runner().active(['learn.loop'], 'queued') ?? jobs.runner().start('learn.loop', {});
  engine.register('learn.run', startLoop);

  // the loop runs once the tickets an import brought are indexed (or the index of a new embedder
  // is complete), unless the workspace turned that off: it learns in the workspace's meaning space
  engine.on((event, payload) => {
    const job = payload as { kind?: string; status?: string };
    if (event !== 'job.done') return;
    const ws = workspaces.current();
    if (!ws) return;
    if (job.kind === 'embed.workspace' && job.status !== 'cancelled' && getSetting(ws.db, 'learning.auto', true)) startLoop();
    if (job.status !== 'done') return;
    // the dashboard measures lift and drop from the week learning first ran
    if ((job.kind === 'learn.loop' || job.kind === 'learn.backfill') && getSetting(ws.db, LEARNING_SINCE_KEY, null) === null)
      setSetting(ws.db, LEARNING_SINCE_KEY, nowIso());
  });
  engine.register('topics.list', () =>
    (
      db()
        .prepare(
          `SELECT t.id, t.origin, t.label, t.representative, t.size,
             (SELECT count(*) FROM topic_tickets tt WHERE tt.topic_id = t.id AND tt.role = 'member') AS agreeing,
             (SELECT status FROM drafts d WHERE d.topic_id = t.id ORDER BY d.id DESC LIMIT 1) AS draft_status
           FROM topics t ORDER BY t.size DESC, t.id`,
        )
        .all() as {
        id: number;
        origin: TopicSummary['origin'];
        label: string;
        representative: string;
        size: number;
        agreeing: number;
        draft_status: string | null;
      }[]
    ).map((r) => ({
      id: r.id,
      origin: r.origin,
      label: r.label,
      representative: r.representative,
      size: r.size,
      agreeing: r.agreeing,
      draftStatus: r.draft_status,
    })),
  );
}
