import type { TicketRef } from '../../shared/domain/metrics';
import { useApp } from '../stores/app';
import { useTickets } from '../stores/tickets';

/** Tickets by number and subject; each opens on the Tickets screen. */
export function TicketLinks({ tickets }: { tickets: TicketRef[] }) {
  const navigate = useApp((s) => s.navigate);
  return (
    <ul className="ticket-links">
      {tickets.map((t) => (
        <li key={t.id}>
          <button
            className="link"
            onClick={() => {
              navigate('tickets');
              void useTickets.getState().select(t.id);
            }}
          >
            #{t.externalId}
          </button>{' '}
          <span className="muted">{t.subject}</span>
        </li>
      ))}
    </ul>
  );
}
