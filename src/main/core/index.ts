import { mkdirSync } from 'node:fs';
import type { HostKind } from '../../shared/domain/app';
import { Engine } from './app';
import { registerDemoHandlers } from './demo/handlers';
import { registerExportHandlers } from './export/handlers';
import { registerPrivacyHandlers } from './privacy/handlers';
import { registerRedactionHandlers } from './draft/handlers';
import { QueryEmbedders } from './embed/service';
import { registerImportHandlers } from './import/handlers';
import { registerLearningHandlers } from './learn/handlers';
import { registerArticleHandlers } from './kb/handlers';
import { registerReviewHandlers } from './review/handlers';
import { registerMetricsHandlers } from './metrics/handlers';
import { registerJobHandlers, type JobService } from './jobs/handlers';
import { FileSecretStore, type SecretStore } from './secrets/store';
import { AppStateFile } from './system/app-state';
import { registerSearchHandlers } from './search/handlers';
import { registerSystemHandlers } from './system/handlers';
import { registerSyncHandlers } from './sync/handlers';
import { registerTeamHandlers } from './team/handlers';
import type { TeamService } from './team/service';
import { registerTicketHandlers } from './tickets/handlers';
import { registerWorkspaceHandlers } from './workspace/handlers';
import { Workspaces } from './workspace/workspaces';

export interface EngineOptions {
  dataDir: string;
  host: HostKind;
  /** Defaults to the owner-only file in the data folder (the Node hosts). */
  secrets?: SecretStore;
}

export interface EngineHandle {
  engine: Engine;
  workspaces: Workspaces;
  /** The open workspace's job runner: what this process runs, and jobs read from the database. */
  jobs: JobService;
  dataDir: string;
  team: TeamService;
  close(): Promise<void>;
}

/** Builds the engine every host runs: the same handlers, the same data folder layout. */
export function createEngine(options: EngineOptions): EngineHandle {
  mkdirSync(options.dataDir, { recursive: true });
  const engine = new Engine();
  const state = new AppStateFile(options.dataDir);
  const workspaces = new Workspaces(options.dataDir, state);
  const secrets = options.secrets ?? new FileSecretStore(options.dataDir);

  registerSystemHandlers(engine, { host: options.host, dataDir: options.dataDir, state, secrets });
  const maintenance = registerWorkspaceHandlers(engine, workspaces, options.host);
  const jobs = registerJobHandlers(engine, workspaces, secrets);
  const embedders = new QueryEmbedders(options.dataDir);
  registerTicketHandlers(engine, workspaces, embedders);
  registerSearchHandlers(engine, workspaces, jobs, embedders);
  registerImportHandlers(engine, jobs, options.dataDir);
  registerDemoHandlers(engine, workspaces, jobs);
  registerLearningHandlers(engine, workspaces, jobs, secrets);
  registerReviewHandlers(engine, workspaces, jobs);
  registerArticleHandlers(engine, workspaces);
  registerMetricsHandlers(engine, workspaces, jobs);
  const sync = registerSyncHandlers(engine, workspaces, jobs, secrets);
  const exports = registerExportHandlers(engine, workspaces, jobs, secrets);
  registerPrivacyHandlers(engine, workspaces);
  registerRedactionHandlers(engine, workspaces);
  const team = registerTeamHandlers(engine, workspaces, secrets);

  const missing = engine.missingHandlers();
  if (missing.length) throw new Error(`contract methods without a handler: ${missing.join(', ')}`);

  // open the active workspace now, so jobs a crash interrupted resume without waiting for a call
  try {
    workspaces.current();
  } catch (error) {
    // the command line reports it with the command; the app's log keeps it
    if (options.host !== 'cli')
      console.error(`The active workspace could not be opened: ${error instanceof Error ? error.message : String(error)}`);
  }

  return {
    engine,
    workspaces,
    jobs,
    dataDir: options.dataDir,
    /** The team connection of the open workspace (review as a team). */
    team,
    async close() {
      await team.pushPending(3_000);
      team.close();
      sync.close();
      exports.close();
      await jobs.close();
      await maintenance.settle();
      workspaces.close();
    },
  };
}
