import { AppError } from '../../../shared/api/errors';
import type { Engine } from '../app';
import { vecVersion } from '../db/open';
import { backupWorkspace } from './backup';
import type { Workspaces } from './workspaces';

export function registerWorkspaceHandlers(engine: Engine, workspaces: Workspaces): void {
  const announce = () => engine.emit('workspace.changed', { current: workspaces.currentWorkspace() });

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
  engine.register('workspace.status', () => {
    const { db, file } = workspaces.requireCurrent();
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      workspace: workspaces.currentWorkspace()!,
      file,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      sqliteVersion: (db.prepare('select sqlite_version() as v').get() as { v: string }).v,
      vecVersion: vecVersion(db),
      counts: {
        sources: count('SELECT count(*) AS n FROM sources'),
        tickets: count('SELECT count(*) AS n FROM tickets'),
        handovers: count('SELECT count(*) AS n FROM tickets WHERE handover = 1'),
        drafts: count(`SELECT count(*) AS n FROM drafts WHERE status IN ('suggested', 'in_review')`),
        articles: count(`SELECT count(*) AS n FROM articles WHERE status = 'active'`),
      },
    };
  });
}
