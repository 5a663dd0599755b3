import type { Engine } from '../app';
import type { JobKind } from '../../../shared/domain/job';
import { DRAFTING_KEY } from '../learn/drafter';
import type { SecretStore } from '../secrets/store';
import { Sources } from '../sync/sources';
import { ExportTargets } from '../export/targets';
import type { OpenWorkspace, Workspaces } from '../workspace/workspaces';
import { DAMAGED } from '../db/failures';
import { JobRunner } from './runner';

/** One job runner per open workspace; its events go to every connected window. */
export interface JobService {
  /** The current workspace's runner. */
  runner(): JobRunner;
  close(): Promise<void>;
}

export function registerJobHandlers(engine: Engine, workspaces: Workspaces, secrets: SecretStore): JobService {
  // learning jobs may call an LLM endpoint whose key the lead stored, a sync gets its own
  // source's credentials, an export its target's; no other job sees a secret
  const secretsFor =
    (db: OpenWorkspace['db']) =>
    (kind: JobKind, params: unknown): Record<string, string> => {
      if (kind === 'sync.source') return new Sources(db, secrets).secretsOf((params as { sourceId: number }).sourceId);
      if (kind === 'export.run') return new ExportTargets(db, secrets).secretsOf((params as { targetId: number }).targetId);
      const key = kind.startsWith('learn.') ? secrets.get(DRAFTING_KEY) : undefined;
      return key ? { [DRAFTING_KEY]: key } : {};
    };
  const runners = new Map<string, JobRunner>();
  workspaces.onOpen((ws) => {
    const runner = new JobRunner(
      ws.db,
      ws.file,
      (job, finished) => engine.emit(finished ? 'job.done' : 'job.progress', job),
      secretsFor(ws.db),
      2,
      () => (ws.damage ? DAMAGED : null),
    );
    runners.set(ws.id, runner);
    runner.recover();
  });
  workspaces.onDamage((ws) => {
    if (ws.damage) void runners.get(ws.id)?.halt(DAMAGED);
    else runners.get(ws.id)?.recover(); // sound again: what waited resumes
  });
  workspaces.onClose((ws) => {
    void runners.get(ws.id)?.close();
    runners.delete(ws.id);
  });
  const runner = () => runners.get(workspaces.requireCurrent().id)!;

  engine.register('jobs.list', ({ limit }) => runner().list(limit));
  engine.register('jobs.get', ({ id }) => runner().get(id));
  engine.register('jobs.cancel', ({ id }) => runner().cancel(id));
  engine.register('diagnostics.selftest', (params) => runner().start('diagnostics.selftest', params));

  return {
    runner,
    async close() {
      await Promise.all([...runners.values()].map((r) => r.close()));
    },
  };
}
