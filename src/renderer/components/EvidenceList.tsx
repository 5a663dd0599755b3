import { useState } from 'react';
import type { DraftEvidence } from '../../shared/domain/draft';
import { formatDate } from '../features/tickets/bits';
import { useApp } from '../stores/app';
import { useTickets } from '../stores/tickets';
import { WordDiff } from './DiffView';

const ROLE_LABEL = { supporting: 'Evidence', outlier: 'Set aside', conflicting: 'Other answer' } as const;
const PAGE = 40;

/**
 * The tickets behind a draft or an article version: the customer's question, the AI's attempt
 * beside the human reply (`AttemptAndReply`), each opening its ticket.
 */
export function EvidenceList({
  evidence,
  picked,
  onPick,
}: {
  evidence: DraftEvidence[];
  picked?: Set<number>;
  onPick?: (ticketId: number) => void;
}) {
  const [shown, setShown] = useState(PAGE);
  const navigate = useApp((s) => s.navigate);
  const openTicket = (id: number) => {
    navigate('tickets');
    void useTickets.getState().select(id);
  };
  if (!evidence.length) return <p className="muted">No tickets behind this one (written by hand).</p>;
  return (
    <>
      <ol className="evidence" aria-label="Evidence">
        {evidence.slice(0, shown).map((e) => (
          <li key={e.ticketId} className={`evidence__item evidence__item--${e.role}`}>
            <div className="evidence__head">
              {onPick && !e.archived && !e.shared && (
                <input
                  type="checkbox"
                  aria-label={`Pick ticket #${e.externalId}`}
                  checked={picked?.has(e.ticketId) ?? false}
                  onChange={() => onPick(e.ticketId)}
                />
              )}
              {e.archived ? (
                <span
                  className="muted"
                  title="The ticket was deleted by the retention setting; its text is kept with personal details removed."
                >
                  Deleted ticket
                </span>
              ) : e.shared ? (
                <span
                  className="muted"
                  title="From a teammate's helpdesk: the ticket is on their machine; this is its text with personal details removed."
                >
                  #{e.externalId} (teammate's helpdesk)
                </span>
              ) : (
                <button className="link" onClick={() => openTicket(e.ticketId)} title="Open the ticket">
                  #{e.externalId}
                </button>
              )}
              <span className="tag">{ROLE_LABEL[e.role]}</span>
              {e.deltaKind && <span className="tag">{e.deltaKind.replace('_', ' ')}</span>}
              {e.createdAt && <span className="muted">{formatDate(e.createdAt)}</span>}
            </div>
            <div className="evidence__question">{e.question}</div>
            <AttemptAndReply evidence={e} />
          </li>
        ))}
      </ol>
      {evidence.length > shown && (
        <button className="button" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, evidence.length - shown)} more of {evidence.length - shown}
        </button>
      )}
    </>
  );
}

/**
 * The AI's attempt beside the human reply, what the human changed marked. Where the AI had no
 * answer ("I couldn't find an answer to that"), the reply is no correction of it: both read as
 * they are, since marking the few words they share would say nothing.
 */
function AttemptAndReply({ evidence: e }: { evidence: DraftEvidence }) {
  const compared = e.botAttempt && e.humanReply && e.deltaKind !== 'no_answer' ? { from: e.botAttempt, to: e.humanReply } : null;
  const side = (label: string, text: string | null, which: 'old' | 'new') => (
    <div>
      <div className="evidence__label">{label}</div>
      <div className="evidence__text">{compared ? <WordDiff from={compared.from} to={compared.to} side={which} /> : (text ?? '—')}</div>
    </div>
  );
  return (
    <div className="evidence__pair">
      {side('AI agent', e.botAttempt, 'old')}
      {side('Human agent', e.humanReply, 'new')}
    </div>
  );
}
