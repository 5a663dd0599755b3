import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { TicketSummary } from '../../../shared/domain/ticket';
import { PAGE, ticketAt, useTickets } from '../../stores/tickets';
import { plural } from '../../../shared/plural';
import { FlagBadges, formatDate, headline } from './bits';

const ROW_HEIGHT = 68;

/** Every matching ticket in one scrollable list; only the rows in view are rendered. */
export function TicketList() {
  const total = useTickets((s) => s.total) ?? 0;
  const pages = useTickets((s) => s.pages);
  const selectedId = useTickets((s) => s.selectedId);
  const loadPage = useTickets((s) => s.loadPage);
  const select = useTickets((s) => s.select);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    const first = items[0]?.index;
    const last = items[items.length - 1]?.index;
    if (first === undefined || last === undefined) return;
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) void loadPage(page);
  }, [items, loadPage]);

  useEffect(() => {
    // j / k move the selection, like a mail client
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, select, textarea') || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key !== 'j' && e.key !== 'k' && e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const state = useTickets.getState();
      let index = -1;
      for (const [p, rows] of Object.entries(state.pages)) {
        const i = rows.findIndex((r) => r.id === state.selectedId);
        if (i >= 0) index = Number(p) * PAGE + i;
      }
      const next = Math.max(0, Math.min(total - 1, index + (e.key === 'j' || e.key === 'ArrowDown' ? 1 : -1)));
      const ticket = ticketAt(state.pages, next);
      if (!ticket) return;
      e.preventDefault();
      void select(ticket.id);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [total, select, virtualizer]);

  return (
    <div className="ticket-list" ref={scroller} role="listbox" aria-label="Tickets" tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const ticket = ticketAt(pages, item.index);
          return (
            <div key={item.key} className="ticket-list__slot" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
              {ticket ? (
                <Row ticket={ticket} selected={ticket.id === selectedId} onOpen={() => select(ticket.id)} />
              ) : (
                <div className="ticket-row ticket-row--loading" />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function Row({ ticket, selected, onOpen }: { ticket: TicketSummary; selected: boolean; onOpen: () => void }) {
  return (
    <div role="option" aria-selected={selected} className={`ticket-row${selected ? ' ticket-row--selected' : ''}`} onClick={onOpen}>
      <div className="ticket-row__top">
        <span className="ticket-row__subject">{headline(ticket)}</span>
        <span className="ticket-row__date">{formatDate(ticket.createdAt)}</span>
      </div>
      <div className="ticket-row__bottom">
        {/* without a subject the question is the headline: below it, what kind of conversation it was */}
        <span className="ticket-row__preview">
          {ticket.subject ? ticket.preview : [ticket.channel, plural(ticket.messageCount, 'message')].filter(Boolean).join(' · ')}
        </span>
        <FlagBadges ticket={ticket} compact />
      </div>
    </div>
  );
}
