import { useApp } from '../stores/app';

/** Shown on every screen while the open workspace is damaged: what happened, that nothing more is written, what to do. */
export function DamageBanner() {
  const damage = useApp((s) => s.status?.damage ?? null);
  const navigate = useApp((s) => s.navigate);
  if (!damage) return null;
  return (
    <div className="banner banner--danger" role="alert">
      <strong>This workspace’s file is damaged.</strong> Tideline found it{' '}
      {damage.detectedAt ? new Date(damage.detectedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : ''} and
      stopped writing to it, so nothing more is lost: you can still read what it holds, but syncs, imports and reviews are paused. Restore
      the latest backup as a new workspace, or back up what can still be read.
      <div className="banner__actions">
        <button className="button" onClick={() => navigate('settings')}>
          Restore a backup
        </button>
      </div>
    </div>
  );
}
