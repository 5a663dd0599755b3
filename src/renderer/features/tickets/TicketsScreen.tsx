import { useEffect, useRef, useState } from 'react';
import { ScreenHeader } from '../../components/AppFrame';
import { EmptyState } from '../../components/EmptyState';
import { icons } from '../../components/icons';
import { isJobActive } from '../../../shared/domain/job';
import { isIngestJob, useApp } from '../../stores/app';
import { useTickets } from '../../stores/tickets';
import { TicketList } from './TicketList';
import { TicketView } from './TicketView';

type Flag = 'aiInvolved' | 'handover' | 'aiResolved' | 'unanswered';
const FLAGS: { key: Flag; label: string }[] = [
  { key: 'aiInvolved', label: 'AI-involved' },
  { key: 'handover', label: 'Handover' },
  { key: 'aiResolved', label: 'AI-resolved' },
  { key: 'unanswered', label: 'Unanswered' },
];

export function TicketsScreen() {
  const { filter, shownFilter, facets, total, detail, error, setFilter, clearFilter, reload, select } = useTickets();
  const dataVersion = useApp((s) => s.dataVersion);
  const workspaceId = useApp((s) => s.status?.workspace.id);
  const navigate = useApp((s) => s.navigate);
  const ingesting = useApp((s) => Object.values(s.jobs).some((j) => isIngestJob(j) && isJobActive(j)));
  const [text, setText] = useState(filter.text ?? '');
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void reload();
  }, [reload, dataVersion, workspaceId]);

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((filter.text ?? '') !== text) setFilter({ text });
    }, 200);
    return () => clearTimeout(timer);
  }, [text, filter.text, setFilter]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !(e.target as HTMLElement).closest('input, textarea, select')) {
        e.preventDefault();
        search.current?.focus();
      }
      if (e.key === 'Escape') void select(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [select]);

  const filtered = Object.keys(filter).length > 0;
  const shownFiltered = Object.keys(shownFilter).length > 0;
  return (
    <div className="tickets-screen">
      <ScreenHeader
        title="Tickets"
        subtitle={total === null ? 'Loading…' : `${total.toLocaleString()} ${shownFiltered ? 'matching' : 'in this workspace'}`}
      />
      <div className="filters" role="search">
        <input
          ref={search}
          className="input filters__search"
          type="search"
          placeholder="Search tickets (press /)"
          aria-label="Search tickets"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="chips" role="group" aria-label="Filter by what happened">
          {FLAGS.map((f) => {
            const on = filter[f.key] === true;
            return (
              <button
                key={f.key}
                className={`chip${on ? ' chip--on' : ''}`}
                aria-pressed={on}
                onClick={() => setFilter({ [f.key]: on ? undefined : true })}
              >
                {f.label}
                <span className="chip__count">{facets ? facets[f.key].toLocaleString() : '…'}</span>
              </button>
            );
          })}
        </div>
        <select
          className="input"
          aria-label="Status"
          value={filter.status ?? ''}
          onChange={(e) => setFilter({ status: e.target.value || undefined })}
        >
          <option value="">Any status</option>
          {facets?.statuses.map((s) => (
            <option key={s.value} value={s.value}>
              {s.value} ({s.count.toLocaleString()})
            </option>
          ))}
        </select>
        <select
          className="input"
          aria-label="Tag"
          value={filter.tag ?? ''}
          onChange={(e) => setFilter({ tag: e.target.value || undefined })}
        >
          <option value="">Any tag</option>
          {facets?.tags.map((t) => (
            <option key={t.value} value={t.value}>
              {t.value} ({t.count.toLocaleString()})
            </option>
          ))}
        </select>
        <label className="filters__date">
          From
          <input
            className="input"
            type="date"
            aria-label="From date"
            value={filter.from ?? ''}
            onChange={(e) => setFilter({ from: e.target.value || undefined })}
          />
        </label>
        <label className="filters__date">
          To
          <input
            className="input"
            type="date"
            aria-label="To date"
            value={filter.to ?? ''}
            onChange={(e) => setFilter({ to: e.target.value || undefined })}
          />
        </label>
        {filtered && (
          <button
            className="button button--small"
            onClick={() => {
              setText('');
              clearFilter();
            }}
          >
            Clear filters
          </button>
        )}
      </div>
      {error && <div className="banner banner--warn">{error}</div>}
      {total === 0 && !shownFiltered && ingesting ? (
        <EmptyState icon={icons.sources} title="Tickets are on their way">
          <p>The import is running; tickets show up here as they arrive.</p>
        </EmptyState>
      ) : total === 0 && !shownFiltered ? (
        <EmptyState
          icon={icons.sources}
          title="No tickets yet"
          actions={
            <button className="button button--primary" onClick={() => navigate('sources')}>
              Go to Sources
            </button>
          }
        >
          <p>Import an export file or try the demo workspace from Sources.</p>
        </EmptyState>
      ) : (
        <div className={`tickets-split${detail ? ' tickets-split--open' : ''}`}>
          {total === 0 ? <p className="muted tickets-none">No tickets match these filters.</p> : <TicketList />}
          {detail && <TicketView ticket={detail} onClose={() => select(null)} />}
        </div>
      )}
    </div>
  );
}
