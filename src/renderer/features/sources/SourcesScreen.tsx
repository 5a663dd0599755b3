import { icons } from '../../components/icons';
import { useApp } from '../../stores/app';
import { NotReady } from '../NotReady';

export function SourcesScreen() {
  const status = useApp((s) => s.status);
  const name = status?.workspace.name ?? 'this workspace';
  return (
    <NotReady title="Sources" subtitle="Where this workspace's tickets come from" icon={icons.sources} heading={`No tickets in ${name} yet`}>
      <p>
        Tideline learns from tickets your team has already answered: it syncs them from Zendesk, Freshdesk, Intercom,
        Gorgias, Help Scout or HubSpot, or imports an export file, into this workspace's database on your computer.
      </p>
    </NotReady>
  );
}
