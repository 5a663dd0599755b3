import { AppError } from '../../../shared/api/errors';
import type { PrivacySettings } from '../../../shared/domain/privacy';
import type { Engine } from '../app';
import { failureMessage } from '../db/failures';
import { nowIso } from '../db/open';
import { setSetting } from '../system/settings';
import type { Workspaces } from '../workspace/workspaces';
import { PRIVACY_KEY, privacySettings } from './egress';
import { egressLog } from './log';
import { applyRetention, retentionPreview } from './retention';

/** Local-only mode, the endpoints the lead allowed, and the log of what left the machine. */
export function registerPrivacyHandlers(engine: Engine, workspaces: Workspaces): void {
  const db = () => workspaces.requireCurrent().db;
  engine.register('privacy.get', () => privacySettings(db()));
  engine.register('privacy.set', ({ localOnly, allow, revoke }) => {
    const current = privacySettings(db());
    const next: PrivacySettings = { ...current };
    if (localOnly !== undefined) next.localOnly = localOnly;
    if (allow) {
      const origin = new URL(allow.url).origin;
      if (!/^https?:$/.test(new URL(origin).protocol))
        throw new AppError('VALIDATION', 'Only web addresses (http or https) can be allowed.');
      next.allowed = [...current.allowed.filter((a) => a.origin !== origin), { origin, role: allow.role, allowedAt: nowIso() }];
    }
    if (revoke) next.allowed = next.allowed.filter((a) => a.origin !== new URL(revoke).origin);
    setSetting(db(), PRIVACY_KEY, next);
    return next;
  });
  engine.register('egress.list', ({ limit, since }) => egressLog(db(), { limit, since }));
  engine.register('retention.preview', ({ olderThanDays }) => retentionPreview(db(), olderThanDays));
  engine.register('retention.apply', async ({ olderThanDays }) => {
    const ws = workspaces.requireCurrent();
    try {
      await workspaces.backups.take(ws.db, ws.id, 'before-retention');
    } catch (error) {
      throw new AppError(
        'UNAVAILABLE',
        `Nothing was deleted: the backup taken before retention deletes tickets could not be written (${failureMessage(error)}).`,
      );
    }
    const outcome = applyRetention(ws.db, olderThanDays);
    engine.emit('workspace.changed', { current: workspaces.currentWorkspace() });
    return outcome;
  });
}
