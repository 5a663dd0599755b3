import { useEffect, useState } from 'react';
import { isJobActive, jobFraction, type Job } from '../../shared/domain/job';
import { useApp } from '../stores/app';
import { icons } from './icons';
import { ProgressBar } from './ProgressBar';

const SHOW_FINISHED_MS = 6000;
/** The tray stays small: running jobs first, then the latest finished ones. */
const MAX_ROWS = 3;

/** Running jobs, bottom right, each with its progress and a Cancel button; finished ones linger briefly. */
export function JobsTray() {
  const jobs = useApp((s) => s.jobs);
  const cancelJob = useApp((s) => s.cancelJob);
  const [dismissed, setDismissed] = useState<Set<number>>(new Set());
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const visible = Object.values(jobs)
    .filter((job) => !dismissed.has(job.id))
    .filter((job) => isJobActive(job) || (job.finishedAt !== null && now - Date.parse(job.finishedAt) < SHOW_FINISHED_MS))
    .sort((a, b) => Number(isJobActive(b)) - Number(isJobActive(a)) || b.id - a.id)
    .slice(0, MAX_ROWS)
    .sort((a, b) => a.id - b.id);
  if (!visible.length) return null;

  return (
    <aside className="tray" aria-label="Background jobs">
      {visible.map((job) => (
        <JobRow key={job.id} job={job} onCancel={() => cancelJob(job.id)} onDismiss={() => setDismissed(new Set(dismissed).add(job.id))} />
      ))}
    </aside>
  );
}

export function JobRow({ job, onCancel, onDismiss }: { job: Job; onCancel: () => void; onDismiss?: () => void }) {
  const active = isJobActive(job);
  const tone = active ? 'active' : job.status === 'done' ? 'done' : job.status === 'failed' ? 'failed' : 'cancelled';
  const fraction = jobFraction(job);
  const detail = job.error ?? job.message ?? (job.status === 'queued' ? 'Waiting to start' : '');
  return (
    <div className={`job job--${job.status}`} data-testid={`job-${job.id}`}>
      <div className="job__head">
        <span className="job__title">{job.title}</span>
        <span className="job__status">{statusLabel(job)}</span>
        {active ? (
          <button className="button button--small" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          onDismiss && (
            <button className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
              {icons.close}
            </button>
          )
        )}
      </div>
      <ProgressBar value={fraction ?? (active ? null : 0)} label={`${job.title} progress`} tone={tone} />
      {detail && <div className="job__detail">{detail}</div>}
    </div>
  );
}

function statusLabel(job: Job): string {
  const fraction = jobFraction(job);
  switch (job.status) {
    case 'running':
      return fraction === null ? 'Running' : `${Math.round(fraction * 100)}%`;
    case 'queued':
      return 'Queued';
    case 'done':
      return job.attempts > 1 ? 'Done (resumed)' : 'Done';
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return 'Cancelled';
    case 'interrupted':
      return 'Interrupted';
  }
}
