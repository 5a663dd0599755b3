import { AppError } from '../../../shared/api/errors';
import { typedOver } from '../connectors/connector';
import { EXPORT_TARGETS, type ExportTarget, type ExportTargetTest } from '../../../shared/domain/export';
import type { Job } from '../../../shared/domain/job';
import type { Engine } from '../app';
import type { JobService } from '../jobs/handlers';
import type { SecretStore } from '../secrets/store';
import type { Workspaces } from '../workspace/workspaces';
import type { ExportSettings } from './publisher';
import { withEgress } from '../privacy/egress';
import { createPublisher } from './publishers';
import { activeArticleIds, enqueueExport, exportRecords, keepRemote, planExport } from './queue';
import { ExportRetries } from './schedule';
import { ExportTargets } from './targets';

const TEST_TIMEOUT_MS = 20_000;

export interface ExportService {
  /** Starts the export job of a target unless one is queued or running; returns that job. */
  start(targetId: number): Job;
  close(): void;
}

export function registerExportHandlers(engine: Engine, workspaces: Workspaces, jobs: JobService, secrets: SecretStore): ExportService {
  const db = () => workspaces.requireCurrent().db;
  const targets = () => new ExportTargets(db(), secrets);
  const start = (targetId: number): Job => {
    const active = targets().get(targetId).activeJobId;
    return (active != null ? jobs.runner().get(active) : undefined) ?? jobs.runner().start('export.run', { targetId });
  };
  const run = (target: ExportTarget, articleIds: number[], options: Parameters<typeof enqueueExport>[3]) => {
    const queued = enqueueExport(db(), target.id, articleIds, options);
    return { queued, job: queued ? start(target.id) : null };
  };

  engine.register('exports.targets', () => targets().list());
  engine.register('exports.addTarget', ({ kind, name, ...settings }) => targets().add(kind, { name, ...settings }));
  engine.register('exports.updateTarget', ({ id, ...change }) => targets().update(id, change));
  engine.register('exports.removeTarget', ({ id }) => {
    if (targets().get(id).activeJobId != null)
      throw new AppError('CONFLICT', 'An export to this target is running: cancel it first, then remove the target.');
    targets().remove(id);
    return { removed: true as const };
  });
  engine.register('exports.testTarget', async ({ id, kind, fields, secrets: given, baseUrl }): Promise<ExportTargetTest> => {
    const saved: ExportSettings | null = id !== undefined ? targets().settings(id) : null;
    const settings: ExportSettings = {
      kind: saved?.kind ?? kind!,
      config: typedOver(saved?.config, fields),
      secrets: typedOver(saved?.secrets, given),
      baseUrl: baseUrl !== undefined ? baseUrl : (saved?.baseUrl ?? null),
    };
    const publisher = createPublisher(settings, { timeoutMs: TEST_TIMEOUT_MS, retries: 1 });
    return withEgress({ db: db(), role: 'help-center', purpose: `Test the connection to ${EXPORT_TARGETS[settings.kind].label}` }, () =>
      publisher.test(),
    );
  });
  engine.register('exports.preview', ({ targetId, articleIds }) => {
    targets().get(targetId);
    return planExport(db(), targetId, articleIds ?? activeArticleIds(db()));
  });
  engine.register('exports.run', ({ targetId, articleIds, overwrite }) =>
    run(targets().get(targetId), articleIds ?? activeArticleIds(db()), { overwrite }),
  );
  engine.register('exports.records', (filter) => exportRecords(db(), filter));
  engine.register('exports.keepRemote', ({ targetId, articleId }) => {
    keepRemote(db(), targetId, articleId);
    return { kept: true as const };
  });
  engine.register('drafts.publish', ({ ids, targetId }) => {
    const target = targetId !== undefined ? targets().get(targetId) : targets().defaultTarget();
    if (!target)
      throw new AppError(
        'NOT_FOUND',
        `Choose where to publish first: connect a help center (${(['zendesk', 'intercom', 'freshdesk', 'helpscout'] as const).map((k) => EXPORT_TARGETS[k].label).join(', ')}) or a folder.`,
      );
    const drafts = new Map<number, number>();
    for (const id of ids) {
      const row = db().prepare('SELECT status, article_id FROM drafts WHERE id = ?').get(id) as
        { status: string; article_id: number | null } | undefined;
      if (!row) throw new AppError('NOT_FOUND', `There is no draft ${id}.`);
      if (row.status !== 'approved' || row.article_id === null)
        throw new AppError('CONFLICT', `Draft ${id} is not approved: approve it before publishing.`);
      drafts.set(row.article_id, id);
    }
    return { ...run(target, [...drafts.keys()], { drafts, includeUnchanged: true }), target };
  });

  const retries = new ExportRetries(workspaces, start);
  return { start, close: () => retries.stop() };
}
