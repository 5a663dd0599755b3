import { createContext, useContext, useState, type ReactNode } from 'react';
import { isJobActive } from '../../../shared/domain/job';
import type { ThemePreference } from '../../../shared/domain/app';
import { ScreenHeader } from '../../components/AppFrame';
import { JobRow } from '../../components/JobsTray';
import { Segmented } from '../../components/Segmented';
import { useApp } from '../../stores/app';
import { AutomaticBackups } from './AutomaticBackups';
import { BackupSettings, DeleteWorkspace } from './BackupSettings';
import { IntegrityCheck } from './IntegrityCheck';
import { RetentionSettings } from './RetentionSettings';
import { DashboardSettings } from './DashboardSettings';
import { DraftingSettings } from './DraftingSettings';
import { LearningSettings } from './LearningSettings';
import { PrivacySettings } from './PrivacySettings';
import { RedactionSettings } from './RedactionSettings';
import { EmbedderSettings } from './EmbedderSettings';
import { SourcesSummary } from './SourcesSummary';
import { TeamSettings } from './TeamSettings';

const THEMES: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** What the lead typed in the settings search; a section shows when every word is in its title, description or keywords. */
const SearchContext = createContext('');

function Section({
  title,
  description,
  keywords = '',
  children,
}: {
  title: string;
  description?: string;
  keywords?: string;
  children: ReactNode;
}) {
  const query = useContext(SearchContext);
  const haystack = `${title} ${description ?? ''} ${keywords}`.toLowerCase();
  if (
    !query
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .every((w) => haystack.includes(w))
  )
    return null;
  // an id is one word: aria-labelledby reads spaces as a list of ids
  const id = `settings-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className="settings-section" aria-labelledby={id}>
      <div className="settings-section__intro">
        <h2 id={id}>{title}</h2>
        {description && <p>{description}</p>}
      </div>
      <div className="settings-section__body">{children}</div>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function SettingsScreen() {
  const info = useApp((s) => s.info);
  const status = useApp((s) => s.status);
  const jobs = useApp((s) => s.jobs);
  const setTheme = useApp((s) => s.setTheme);
  const startSelftest = useApp((s) => s.startSelftest);
  const cancelJob = useApp((s) => s.cancelJob);
  const [query, setQuery] = useState('');
  if (!info) return null;
  const recent = Object.values(jobs)
    .sort((a, b) => b.id - a.id)
    .slice(0, 8);
  const checkRunning = recent.some((j) => j.kind === 'diagnostics.selftest' && isJobActive(j));

  return (
    <>
      <ScreenHeader title="Settings" subtitle={`Tideline ${info.version}`} />
      <input
        className="input settings__search"
        type="search"
        aria-label="Search settings"
        placeholder="Search settings: model, redaction, theme, egress…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <SearchContext.Provider value={query}>
        <div className="settings">
          {status && (
            <Section
              title="Privacy"
              description="What leaves this computer, and proof of it. Local-only mode is on until you turn it off; the egress log lists every request."
              keywords="local-only local only egress log network cloud allow endpoint telemetry openai download data leaves"
            >
              <PrivacySettings />
            </Section>
          )}

          <Section title="Appearance" keywords="theme dark light">
            <Segmented label="Theme" options={THEMES} value={info.preferences.theme} onChange={(theme) => setTheme(theme)} />
          </Section>

          <Section
            title="Data"
            description="Everything Tideline knows lives in these files on this computer."
            keywords="data folder database file workspace storage backup automatic daily restore copy integrity check damaged retention delete old tickets days remove workspace"
          >
            <dl className="facts">
              <Fact label="Data folder">
                <code>{info.dataDir}</code>
              </Fact>
              {status && (
                <>
                  <Fact label="This workspace">
                    <code>{status.file}</code>
                  </Fact>
                  <Fact label="Database">
                    Schema {status.schemaVersion} · SQLite {status.sqliteVersion} · sqlite-vec {status.vecVersion}
                  </Fact>
                  <Fact label="Holds">
                    {status.counts.tickets} tickets · {status.counts.drafts} open drafts · {status.counts.articles} articles
                  </Fact>
                </>
              )}
            </dl>
            {status && <IntegrityCheck />}
            {status && <BackupSettings key={status.workspace.id} />}
            {status && (
              <AutomaticBackups key={`a-${status.workspace.id}`} workspaceId={status.workspace.id} workspaceName={status.workspace.name} />
            )}
            {status && <RetentionSettings key={`r-${status.workspace.id}`} />}
            {status && <DeleteWorkspace key={`d-${status.workspace.id}`} />}
          </Section>

          {status && (
            <>
              <Section
                title="Sources and schedules"
                description="Where tickets come from, how often each helpdesk syncs, and where approved articles are exported."
                keywords="helpdesk zendesk freshdesk intercom gorgias help scout hubspot sync schedule export target publish"
              >
                <SourcesSummary />
              </Section>
              <Section
                title="Team"
                description="Review one board with other leads, each on their own computer, online or offline. Only drafts, redacted snippets and decisions are shared."
                keywords="team share invite join member collaborate leads server remove leave offline sync"
              >
                <TeamSettings />
              </Section>
              <Section
                title="Meaning and search"
                description="The model that reads tickets by meaning. It decides which tickets make one topic, which article answers a question, and what search finds. Everything runs on this computer; only a model download, if you allow it, reaches the internet."
                keywords="embedding embedder model sentence encoder transformers ollama index vectors search meaning topics grouping matching languages multilingual"
              >
                <EmbedderSettings />
              </Section>
              <Section
                title="Learning"
                description="When a correction has come up often enough to become a draft."
                keywords="repeat threshold backfill schedule automatic thresholds"
              >
                <LearningSettings />
              </Section>
              <Section
                title="Drafting"
                description="Who writes the articles. Personal details are removed from ticket text before any drafter sees it."
                keywords="drafter llm ollama openai model key redaction pii test"
              >
                <DraftingSettings />
              </Section>
              <Section
                title="Redaction"
                description="What is removed from ticket text before any drafter sees it, cloud or local. Try your patterns on a real ticket before saving."
                keywords="redaction pii personal details privacy order id codename pattern regex mask"
              >
                <RedactionSettings />
              </Section>
              <Section
                title="Dashboard"
                description="Where the weeks of the dashboard begin. Every figure counts tickets by the week they were created in."
                keywords="time zone week metrics"
              >
                <DashboardSettings />
              </Section>
            </>
          )}

          <Section
            title="Secrets"
            description="Helpdesk tokens and LLM keys are never stored in the workspace database and never shown again."
            keywords="keychain token api key password"
          >
            <dl className="facts">
              <Fact label="Stored">{info.secretStore.kind === 'os-keychain' ? 'In the OS keychain' : 'In a private file'}</Fact>
              <Fact label="Where">
                <code>{info.secretStore.location}</code>
              </Fact>
              <Fact label="Protection">{info.secretStore.note}</Fact>
            </dl>
          </Section>

          {status && (
            <Section
              title="Diagnostics"
              description="Checks that background work runs: a worker thread with its own database connection, progress, cancel and resume after a crash."
              keywords="jobs worker check"
            >
              <button className="button" onClick={() => startSelftest()} disabled={checkRunning}>
                {checkRunning ? 'Check running…' : 'Run background job check'}
              </button>
              {recent.length > 0 && (
                <div className="job-list" aria-label="Recent jobs">
                  <h3>Recent jobs</h3>
                  {recent.map((job) => (
                    <JobRow key={job.id} job={job} onCancel={() => cancelJob(job.id)} />
                  ))}
                </div>
              )}
            </Section>
          )}
        </div>
      </SearchContext.Provider>
    </>
  );
}
