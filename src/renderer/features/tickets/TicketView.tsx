import type { Message, TicketDetail } from '../../../shared/domain/ticket';
import { icons } from '../../components/icons';
import { FlagBadges, formatTime, headline } from './bits';

const ROLE_LABEL: Record<Message['role'], string> = {
  customer: 'Customer',
  agent: 'Human agent',
  bot: 'AI agent',
  system: 'Automatic message',
};
const SYSTEM_HINT =
  'Sent by the helpdesk on its own (a rule’s reply, a receipt, a reply time, a rating request): not counted as the AI agent at work or as a person’s reply';

/** One ticket's conversation. Ticket text is untrusted: it is rendered as text, never as HTML. */
export function TicketView({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  return (
    <article className="ticket-view" aria-label={`Ticket ${ticket.externalId}`}>
      <header className="ticket-view__head">
        <div>
          <h2>{headline(ticket)}</h2>
          <div className="ticket-view__meta">
            <span>#{ticket.externalId}</span>
            {ticket.status && <span className="pill">{ticket.status}</span>}
            {ticket.channel && <span>{ticket.channel}</span>}
            <span>{formatTime(ticket.createdAt)}</span>
            {ticket.requesterName && <span>{ticket.requesterName}</span>}
            {ticket.csat && <span className={`pill pill--csat-${ticket.csat}`}>CSAT: {ticket.csat}</span>}
          </div>
          <div className="ticket-view__tags">
            <FlagBadges ticket={ticket} />
            {ticket.tags.map((t) => (
              <span key={t} className="tag">
                {t}
              </span>
            ))}
          </div>
        </div>
        <button className="icon-button" aria-label="Close ticket" title="Close (Esc)" onClick={onClose}>
          {icons.close}
        </button>
      </header>
      <ol className="conversation">
        {ticket.messages.map((m) => {
          const note = !m.public;
          return (
            <li key={m.id} className={`msg msg--${m.role}${note ? ' msg--note' : ''}`}>
              <div className="msg__head">
                <span className="msg__role" title={m.role === 'system' ? SYSTEM_HINT : undefined}>
                  {note ? `${ROLE_LABEL[m.role]} · internal note` : ROLE_LABEL[m.role]}
                </span>
                {m.authorName && <span className="msg__author">{m.authorName}</span>}
                <time className="msg__time" dateTime={m.createdAt}>
                  {formatTime(m.createdAt)}
                </time>
              </div>
              <div className="msg__body">{m.body}</div>
            </li>
          );
        })}
      </ol>
    </article>
  );
}
