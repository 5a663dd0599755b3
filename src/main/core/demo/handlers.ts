import type { Engine } from '../app';
import type { JobService } from '../jobs/handlers';
import type { Workspaces } from '../workspace/workspaces';
import { demoStart } from './generator';

export function registerDemoHandlers(engine: Engine, workspaces: Workspaces, jobs: JobService): void {
  engine.register('demo.create', ({ name, weeks, perWeek, seed }) => {
    const taken = new Set(workspaces.list().map((w) => w.name.toLowerCase()));
    let unique = name;
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${name} ${n}`;
    const workspace = workspaces.create(unique, true);
    engine.emit('workspace.changed', { current: workspace });
    const job = jobs.runner().start('demo.import', { seed, weeks, perWeek, start: demoStart(new Date(), weeks) });
    return { workspace, job };
  });
}
