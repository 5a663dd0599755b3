import type { Job } from '../../../shared/domain/job';
import { reasonLines, reasonText, type ImportIssue, type ImportReason, type ImportSummary } from '../../../shared/domain/ticket';
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
            {summary.skipped > listedLines(summary) ? `${plural(listedLines(summary), 'line')} of ${summary.skipped} are listed. ` : ''}
            The rest of the file was imported. Fix these lines and import the file again: good lines are not duplicated.
          </p>
          {summary.reasons ? <ReasonTable reasons={summary.reasons} /> : <LineTable heading="Why it was skipped" lines={summary.issues} />}
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

/** How many skipped lines the result accounts for: by their reasons, or one by one (results of older versions). */
const listedLines = (summary: ImportSummary) =>
  summary.reasons ? summary.reasons.reduce((n, r) => n + r.lines, 0) : summary.issues.length;

/** Each reason lines were skipped for, once, with the lines it covers. */
function ReasonTable({ reasons }: { reasons: ImportReason[] }) {
  return (
    <table className="issues issues--reasons">
      <thead>
        <tr>
          <th>Lines</th>
          <th>Why they were skipped</th>
        </tr>
      </thead>
      <tbody>
        {reasons.map((r) => (
          <tr key={r.reason}>
            <td>{reasonLines(r)}</td>
            <td>{reasonText(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
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
