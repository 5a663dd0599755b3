import { AppError } from '../../../shared/api/errors';
import type { HostKind } from '../../../shared/domain/app';
import { isIngestKind, type Job } from '../../../shared/domain/job';
import type { Engine } from '../app';
import { DAMAGED } from '../db/failures';
import { vecVersion } from '../db/open';
import { cardsToReview } from '../review/queries';
import { backupWorkspace } from './backup';
import { WorkspaceMaintenance } from './maintenance';
import type { Workspaces } from './workspaces';

export function registerWorkspaceHandlers(engine: Engine, workspaces: Workspaces, host: HostKind): WorkspaceMaintenance {
  const announce = () => engine.emit('workspace.changed', { current: workspaces.currentWorkspace() });

  // a damaged file is noticed wherever it shows: a call, a job, a check; from then on nothing is written
  engine.watchFailures((error) => {
    workspaces.noticeFailure(error);
    const readOnly = (error as { code?: unknown } | null)?.code === 'SQLITE_READONLY';
    return readOnly && workspaces.openNow?.damage ? { code: 'UNAVAILABLE', message: DAMAGED } : null;
  });
  const maintenance = new WorkspaceMaintenance(workspaces, host, (message) => engine.emit('app.notice', { level: 'error', message }));
  engine.on((event, payload) => {
    if (event !== 'job.done') return;
    const job = payload as Job;
    if (job.error === DAMAGED) workspaces.markDamaged(`“${job.title}” (job ${job.id}) read damaged pages.`);
    // the first tickets of a new workspace get their backup the same day, not at the next start
    if (job.status === 'done' && isIngestKind(job.kind) && workspaces.openNow) maintenance.backupIfDue(workspaces.openNow);
  });
  workspaces.onDamage(() => announce());

  engine.register('workspace.list', () => workspaces.list());
  engine.register('workspace.create', ({ name, use }) => {
    const created = workspaces.create(name, use);
    if (use) announce();
    return created;
  });
  engine.register('workspace.use', ({ id }) => {
    const ws = workspaces.use(id);
    announce();
    return ws;
  });
  engine.register('workspace.backup', ({ path }) => backupWorkspace(workspaces.requireCurrent().db, path));
  engine.register('workspace.restore', ({ path, name, use }) => {
    const restored = workspaces.restore(path, name, use);
    if (use) announce();
    return restored;
  });
  engine.register('workspace.delete', ({ id, name }) => {
    const target = workspaces.list().find((w) => w.id === id);
    if (!target) throw new AppError('NOT_FOUND', `There is no workspace "${id}".`);
    // typing the name is the confirmation: a slip of the mouse cannot delete a workspace
    if (name.trim() !== target.name) throw new AppError('VALIDATION', `Type the workspace's name, "${target.name}", to delete it.`);
    const wasCurrent = target.active;
    workspaces.delete(id);
    if (wasCurrent) announce();
    return { deleted: id };
  });
  engine.register('workspace.check', async () => {
    const outcome = await workspaces.checkCurrent();
    announce();
    if (outcome.ok) return { ok: true, detail: "The workspace passed SQLite's full integrity check." };
    return {
      ok: false,
      detail: 'damage' in outcome ? `${DAMAGED} (SQLite: ${outcome.damage})` : `The check could not run: ${outcome.error}`,
    };
  });
  engine.register('backups.list', ({ workspaceId }) => {
    const id = workspaceId ?? workspaces.requireCurrent().id;
    const folder = workspaces.backups.folder();
    return { folder, custom: folder !== workspaces.backups.defaultFolder, backups: workspaces.backups.list(id) };
  });
  engine.register('backups.setFolder', ({ folder }) => ({ folder: workspaces.backups.setFolder(folder) }));

  engine.register('workspace.status', () => {
    const ws = workspaces.requireCurrent();
    const { db, file } = ws;
    // a damaged workspace still reports what it can: the banner matters more than a count
    const count = (sql: string) => {
      try {
        return (db.prepare(sql).get() as { n: number }).n;
      } catch (error) {
        workspaces.noticeFailure(error);
        if (ws.damage) return 0;
        throw error;
      }
    };
    return {
      workspace: workspaces.currentWorkspace()!,
      file,
      damage: ws.damage,
      lastCheck: ws.lastCheck,
      rederived: ws.rederived,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      sqliteVersion: (db.prepare('select sqlite_version() as v').get() as { v: string }).v,
      vecVersion: vecVersion(db),
      counts: {
        sources: count('SELECT count(*) AS n FROM sources'),
        tickets: count('SELECT count(*) AS n FROM tickets'),
        handovers: count('SELECT count(*) AS n FROM tickets WHERE handover = 1'),
        drafts: cardsToReview(db),
        articles: count(`SELECT count(*) AS n FROM articles WHERE status = 'active'`),
      },
    };
  });
  return maintenance;
}
