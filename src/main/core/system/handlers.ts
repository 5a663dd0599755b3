import type { HostKind } from '../../../shared/domain/app';
import type { Engine } from '../app';
import { latestSchemaVersion } from '../db/migrate';
import type { SecretStore } from '../secrets/store';
import { appVersion } from '../version';
import type { AppStateFile } from './app-state';

export function registerSystemHandlers(
  engine: Engine,
  deps: { host: HostKind; dataDir: string; state: AppStateFile; secrets: SecretStore },
): void {
  const version = appVersion();
  engine.register('app.info', () => ({
    version,
    host: deps.host,
    dataDir: deps.dataDir,
    schemaVersion: latestSchemaVersion(),
    secretStore: deps.secrets.info(),
    preferences: deps.state.read().preferences,
  }));
  engine.register('app.setPreferences', (preferences) => deps.state.update({ preferences }).preferences);

  engine.register('secrets.list', () => deps.secrets.list());
  engine.register('secrets.set', ({ name, value }) => {
    deps.secrets.set(name, value);
    return { name };
  });
  engine.register('secrets.delete', ({ name }) => ({ deleted: deps.secrets.delete(name) }));
}
