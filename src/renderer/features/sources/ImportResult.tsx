import type { Job } from '../../../shared/domain/job';
import type { ImportIssue, ImportSummary } from '../../../shared/domain/ticket';
import { plural } from '../../../shared/plural';

/** What the last import did: counts, and each skipped line with its reason. */
export function ImportResult({ job }: { job: Job }) {
  const summary = job.result as ImportSummary | null;
  if (job.status !== 'done' || !summary) {
    return (
      <section className={`import-result import-result--${job.status}`} aria-label="Last import">
        <h3>
          {job.title}: {job.status}
        </h3>
        <p>{job.error ?? job.message}</p>
      </section>
    );
  }
  return (
    <section className="import-result" aria-label="Last import">
      <h3>{summary.file === 'demo' ? 'Demo workspace built' : `Imported ${summary.file}`}</h3>
      <dl className="import-result__counts">
        <div>
          <dt>New</dt>
          <dd>{summary.imported.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{summary.updated.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{summary.unchanged.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd className={summary.skipped ? 'warn' : undefined}>{summary.skipped.toLocaleString()}</dd>
        </div>
      </dl>
      {summary.issues.length > 0 && (
        <>
          <p className="muted">
            {summary.skipped > summary.issues.length
              ? `The first ${summary.issues.length} of ${summary.skipped} problems are listed. `
              : ''}
            The rest of the file was imported. Fix these lines and import the file again: good lines are not duplicated.
          </p>
          <LineTable heading="Why it was skipped" lines={summary.issues} />
        </>
      )}
      {(summary.repeats ?? []).length > 0 && (
        <>
          <p className="muted">
            {plural(summary.repeated, 'ticket id')} came up more than once in the file; each time the later line was kept, as a re-import
            would.
          </p>
          <LineTable heading="Repeated ticket" lines={summary.repeats} />
        </>
      )}
    </section>
  );
}

/** Lines of the file with what was said of each. */
function LineTable({ heading, lines }: { heading: string; lines: ImportIssue[] }) {
  return (
    <table className="issues">
      <thead>
        <tr>
          <th>Line</th>
          <th>{heading}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((issue) => (
          <tr key={`${issue.line}-${issue.reason}`}>
            <td>{issue.line}</td>
            <td>{issue.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
