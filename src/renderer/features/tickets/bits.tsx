import type { TicketFlags } from '../../../shared/domain/ticket';

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    year: d.getFullYear() === new Date().getFullYear() ? undefined : 'numeric',
  });
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** What names a ticket: its subject, or for a chat without one, what the customer asks. */
export function headline(ticket: { subject: string | null; preview: string }): string {
  return ticket.subject ?? (ticket.preview || '(no subject)');
}

/** The derived facts of a ticket as small badges. */
export function FlagBadges({ ticket, compact = false }: { ticket: TicketFlags; compact?: boolean }) {
  const badges: { label: string; tone: string; title: string }[] = [];
  if (ticket.aiResolved)
    badges.push({ label: 'AI-resolved', tone: 'ok', title: 'Solved by the AI agent, no human reply, not reopened within 7 days' });
  if (ticket.unanswered) badges.push({ label: 'Unanswered', tone: 'danger', title: 'The AI agent had no answer before a human took over' });
  else if (ticket.handover) badges.push({ label: 'Handover', tone: 'warn', title: 'A human replied after the AI agent' });
  if (ticket.reopened) badges.push({ label: 'Reopened', tone: 'muted', title: 'The customer came back after it was solved' });
  if (!compact && ticket.aiInvolved && !ticket.handover && !ticket.aiResolved)
    badges.push({ label: 'AI-involved', tone: 'muted', title: 'The AI agent took part' });
  return (
    <span className="flags">
      {badges.map((b) => (
        <span key={b.label} className={`flag flag--${b.tone}`} title={b.title}>
          {b.label}
        </span>
      ))}
    </span>
  );
}
