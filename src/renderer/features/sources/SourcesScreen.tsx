import { useEffect, useState } from 'react';
import type { Source } from '../../../shared/domain/source';
import { api } from '../../api';
import { ScreenHeader } from '../../components/AppFrame';
import { EmptyState } from '../../components/EmptyState';
import { icons } from '../../components/icons';
import { useApp } from '../../stores/app';
import { useTickets } from '../../stores/tickets';
import { HelpdeskSources } from './HelpdeskSources';
import { ImportPanel } from './ImportPanel';
import { ImportResult } from './ImportResult';

const KIND_LABEL: Record<Source['kind'], string> = {
  file: 'Imported files',
  demo: 'Demo helpdesk',
  zendesk: 'Zendesk',
  freshdesk: 'Freshdesk',
  intercom: 'Intercom',
  gorgias: 'Gorgias',
  helpscout: 'Help Scout',
  hubspot: 'HubSpot',
};

export function SourcesScreen() {
  const status = useApp((s) => s.status);
  const dataVersion = useApp((s) => s.dataVersion);
  const lastImport = useApp((s) => s.lastImport);
  const navigate = useApp((s) => s.navigate);
  const createDemo = useApp((s) => s.createDemo);
  const jobs = useApp((s) => s.jobs);
  const [sources, setSources] = useState<Source[] | null>(null);
  const [version, setVersion] = useState(0);
  // a sync starting or ending changes a source's status: read the list again then
  const syncState = Object.values(jobs)
    .filter((j) => j.kind === 'sync.source')
    .map((j) => `${j.id}:${j.status}`)
    .join(',');

  useEffect(() => {
    void api.invoke('sources.list', {}).then(setSources, () => setSources([]));
  }, [dataVersion, status?.workspace.id, version, syncState]);

  const name = status?.workspace.name ?? 'this workspace';
  const empty = sources !== null && sources.every((s) => s.tickets === 0 && !s.sync);
  return (
    <>
      <ScreenHeader title="Sources" subtitle="Where this workspace's tickets come from" />
      {empty && (
        <EmptyState
          icon={icons.sources}
          title={`No tickets in ${name} yet`}
          actions={
            <button className="button" onClick={() => createDemo()}>
              Try the demo workspace
            </button>
          }
        >
          <p>
            Tideline learns from tickets your team has already answered. Connect your helpdesk or import an export below, or try the demo: a
            fictional kettle maker with 16 weeks of support history, in a workspace of its own.
          </p>
        </EmptyState>
      )}
      {sources && <HelpdeskSources sources={sources} onChanged={() => setVersion((v) => v + 1)} />}
      <h2 className="section-title">Files</h2>
      <ImportPanel />
      {lastImport && <ImportResult job={lastImport} />}
      {sources && sources.length > 0 && (
        <table className="sources">
          <thead>
            <tr>
              <th>Source</th>
              <th>Kind</th>
              <th className="num">Tickets</th>
              <th>Last tickets in</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id}>
                <td>
                  <button
                    className="link"
                    onClick={() => {
                      useTickets.getState().setFilter({ sourceId: s.id });
                      navigate('tickets');
                    }}
                  >
                    {s.name}
                  </button>
                </td>
                <td>{KIND_LABEL[s.kind]}</td>
                <td className="num">{s.tickets.toLocaleString()}</td>
                <td>{s.lastIngestAt ? new Date(s.lastIngestAt).toLocaleString() : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
