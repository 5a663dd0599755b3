import { AppError } from '../../../shared/api/errors';
import type { Job } from '../../../shared/domain/job';
import { HELPDESKS, isHelpdeskKind, type ConnectionTest } from '../../../shared/domain/source';
import type { Engine } from '../app';
import { createConnector } from '../connectors';
import { typedOver, type ConnectorSettings } from '../connectors/connector';
import type { JobService } from '../jobs/handlers';
import type { SecretStore } from '../secrets/store';
import type { Workspaces } from '../workspace/workspaces';
import { withEgress } from '../privacy/egress';
import { sampleAuthors } from './bots';
import { SyncScheduler } from './schedule';
import { Sources } from './sources';

const TEST_TIMEOUT_MS = 20_000;

export interface SyncService {
  /** Starts a sync of one source unless one is already queued or running; returns that job. */
  start(sourceId: number): Job;
  close(): void;
}

export function registerSyncHandlers(engine: Engine, workspaces: Workspaces, jobs: JobService, secrets: SecretStore): SyncService {
  const sources = () => new Sources(workspaces.requireCurrent().db, secrets);

  // the source's own row says which sync is queued or running: one definition of "syncing"
  const activeSync = (sourceId: number): Job | undefined => {
    const id = sources().get(sourceId).sync?.activeJobId;
    return id == null ? undefined : jobs.runner().get(id);
  };
  const start = (sourceId: number): Job => activeSync(sourceId) ?? jobs.runner().start('sync.source', { sourceId });

  engine.register('sources.list', () => sources().list());
  engine.register('sources.add', ({ kind, name, syncNow, ...settings }) => {
    const source = sources().add(kind, { name, ...settings });
    if (syncNow) start(source.id);
    return source;
  });
  engine.register('sources.update', ({ id, ...change }) => {
    const updated = sources().update(id, change);
    if (updated.resync && updated.source.sync?.enabled) start(id);
    return updated;
  });
  engine.register('sources.remove', ({ id }) => {
    const { tickets, sync } = sources().get(id);
    if (sync?.activeJobId != null) throw new AppError('CONFLICT', 'This source is syncing: cancel the sync first, then remove it.');
    sources().remove(id);
    return { removed: tickets };
  });
  engine.register(
    'sources.test',
    async ({ id, kind, fields, secrets: given, baseUrl, botIds, automationIds, historyDays }): Promise<ConnectionTest> => {
      const saved: ConnectorSettings | null = id !== undefined ? sources().connectorSettings(id) : null;
      const k = saved?.kind ?? kind!;
      if (!isHelpdeskKind(k)) throw new AppError('VALIDATION', 'Only helpdesk sources can be tested.');
      const settings: ConnectorSettings = {
        kind: k,
        config: typedOver(saved?.config, fields),
        secrets: typedOver(saved?.secrets, given),
        baseUrl: baseUrl !== undefined ? baseUrl : (saved?.baseUrl ?? null),
        botIds: botIds ?? saved?.botIds ?? [],
        automationIds: automationIds ?? saved?.automationIds ?? [],
        historyDays: historyDays ?? saved?.historyDays ?? 30,
      };
      // read as the helpdesk gives the roles: the sample applies the lists and tells which bots are the helpdesk's own
      const connector = createConnector({ ...settings, botIds: [], automationIds: [] }, { timeoutMs: TEST_TIMEOUT_MS, retries: 1 });
      const { summary, page } = await withEgress(
        { db: workspaces.requireCurrent().db, role: 'helpdesk', purpose: `Test the connection to ${HELPDESKS[k].label}` },
        async () => ({
          summary: await connector.describe(),
          page: await connector.page(null),
        }),
      );
      return { ok: true, summary, sampled: page.tickets.length, authors: sampleAuthors(page.tickets, settings) };
    },
  );
  engine.register('sync.start', ({ sourceId }) => {
    if (sourceId !== undefined) {
      const source = sources().get(sourceId);
      if (!source.sync) throw new AppError('VALIDATION', `${source.name} is not a helpdesk: import the file again to update it.`);
      return [start(sourceId)];
    }
    const enabled = sources()
      .list()
      .filter((s) => s.sync?.enabled);
    if (!enabled.length)
      throw new AppError(
        'NOT_FOUND',
        `No helpdesk is connected to this workspace yet: add one under Sources (${Object.values(HELPDESKS)
          .map((h) => h.label)
          .join(', ')}).`,
      );
    return enabled.map((s) => start(s.id));
  });

  const scheduler = new SyncScheduler(workspaces, (db) => new Sources(db, secrets), start);
  return { start, close: () => scheduler.stop() };
}
