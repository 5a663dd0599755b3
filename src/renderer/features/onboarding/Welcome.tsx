import { CreateWorkspaceForm } from '../../components/CreateWorkspaceForm';
import { Logo } from '../../components/icons';
import { useApp } from '../../stores/app';
import { AutomaticBackups } from '../settings/AutomaticBackups';
import { JoinTeamForm } from '../settings/TeamSettings';

/** First run: no workspace yet. Says what Tideline does and what to do first. */
export function Welcome() {
  const all = useApp((s) => s.workspaces);
  const workspaces = all.filter((w) => !w.problem);
  // the one the lead was working in, if it can no longer be opened (and not merely newer)
  const lost = all.find((w) => w.active && w.problem && !/newer version/.test(w.problem));
  const switchWorkspace = useApp((s) => s.switchWorkspace);
  const createDemo = useApp((s) => s.createDemo);
  return (
    <div className="welcome">
      <div className="welcome__card">
        <div className="welcome__brand">
          <Logo />
          <span>Tideline</span>
        </div>
        <h1>Turn your team's replies into a knowledge base</h1>
        <p className="welcome__lead">
          Tideline reads the tickets your AI agent could not answer, learns from what your human agents replied, and drafts articles for you
          to review. Everything stays on this computer.
        </p>
        {lost && (
          <section className="welcome__lost" role="alert" aria-label="A workspace that cannot be opened">
            <h2>“{lost.name}” cannot be opened</h2>
            <p>{lost.problem} Nothing was overwritten. Restore one of its backups as a new workspace, or start afresh below.</p>
            <AutomaticBackups workspaceId={lost.id} workspaceName={lost.name} />
          </section>
        )}
        <ol className="welcome__steps">
          <li>
            <strong>Create a workspace</strong> — one per helpdesk or team. It is a single database file on this computer.
          </li>
          <li>
            <strong>Bring tickets in</strong> from your helpdesk or an export file.
          </li>
          <li>
            <strong>Review drafts</strong> on the board once the same correction has come up a few times.
          </li>
        </ol>
        <h2 className="welcome__start">Start with a workspace</h2>
        <CreateWorkspaceForm autoFocus />
        <div className="welcome__demo">
          <span className="muted">Just looking?</span>
          <button className="button" onClick={() => createDemo()}>
            Try the demo workspace
          </button>
          <span className="muted">16 weeks of a fictional kettle maker’s support tickets, in a workspace of its own.</span>
        </div>
        <div className="welcome__team">
          <JoinTeamForm />
        </div>
        {workspaces.length > 0 && (
          <div className="welcome__existing">
            <h2 className="welcome__start">Or open one you have</h2>
            <ul>
              {workspaces.map((w) => (
                <li key={w.id}>
                  <button className="button" onClick={() => switchWorkspace(w.id)}>
                    {w.name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
