import { createHash } from 'node:crypto';
import type { MessageRole } from '../../../shared/domain/ticket';
import type { DB } from '../db/open';
import { inTransaction } from '../db/transaction';
import { getSetting, setSetting } from '../system/settings';
import { deriveFlags, flagValues, SET_FLAGS, storedFlagValues, withKeptRoles, type DeriveInput, type FlagColumns } from './derive';
import type { VendorSignals } from './format';

/**
 * Reading stored tickets again when this version derives roles and flags differently from the
 * one that stored them (an automatic message recognised, a new rule for solved), from what each
 * ticket was given (`given_role`, `reopened_at`, `signals`): no helpdesk, no export needed.
 *
 * Whether the derivation changed is told, as for prepared evidence, by what it makes of a few
 * probe tickets. Bump DERIVATION for a change the probes would not show.
 */
const DERIVATION = 1;
const SETTING = 'tickets.derivation';
const BATCH = 1000;

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();
type Probe = Omit<DeriveInput, 'messages'> & { messages: (DeriveInput['messages'][number] & { role: MessageRole })[] };
const said = (role: MessageRole, minute: number, body: string, isPublic = true) => ({
  role,
  public: isPublic,
  createdAt: at(minute),
  body,
});
const PROBES: Probe[] = [
  {
    status: null,
    solvedAt: null,
    reopenedAt: null,
    messages: [
      said('agent', 0, 'Your invoice for March is ready.'),
      said('customer', 5, 'Hi! Why was I charged twice?'),
      said('agent', 5, 'We have received your request and will get back to you within 24 hours.'),
      said('bot', 6, "I'm not sure about that. A colleague will get back to you."),
      said('agent', 20, 'Internal: check the payment log', false),
      said('agent', 30, 'The second charge is a pre-authorisation and drops off within 3 days.'),
    ],
  },
  {
    status: 'Closed',
    solvedAt: at(40),
    reopenedAt: null,
    signals: { aiInvolved: true },
    messages: [
      said('customer', 0, 'Where is my parcel?'),
      said('bot', 1, 'Parcels arrive within 3 working days; track yours under Orders.'),
      said('agent', 30, 'This request was closed and merged into request #4821 "Parcel".'),
      said('customer', 50, 'thanks'),
    ],
  },
  {
    status: 'done',
    solvedAt: at(10),
    reopenedAt: at(15),
    signals: { aiInvolved: true, handover: true },
    messages: [said('customer', 0, 'Can I change my plan?'), said('system', 1, 'Conversation assigned to Billing')],
  },
];

/** What this version derives from the probes, with DERIVATION: it changes when the derivation does. */
export function derivationKey(): string {
  const derived = PROBES.map((p) => {
    const messages = withKeptRoles(p.messages);
    return [messages.map((m) => m.role), deriveFlags({ ...p, messages })];
  });
  return `${DERIVATION}:${createHash('sha1').update(JSON.stringify(derived)).digest('base64url').slice(0, 16)}`;
}

interface TicketRow extends FlagColumns {
  id: number;
  status: string | null;
  solved_at: string | null;
  reopened_at: string | null;
  signals: string;
}
interface MessageRow {
  id: number;
  ticket_id: number;
  role: MessageRole;
  given_role: MessageRole | null;
  public: number;
  created_at: string;
  body: string;
}

/**
 * Derives every ticket's kept roles and flags again when the derivation changed since the
 * workspace last did (or never did), and writes what differs. Returns how many tickets changed;
 * their questions and answers may have moved, so the index should run. A workspace with no
 * tickets only records the derivation.
 */
export function rederiveTickets(db: DB): number {
  const key = derivationKey();
  if (getSetting<string | null>(db, SETTING, null) === key) return 0;
  const tickets = db.prepare(
    `SELECT id, status, solved_at, reopened_at, signals, solved, ai_involved, handover, handover_at, ai_resolved, unanswered, reopened
       FROM tickets WHERE id > ? ORDER BY id LIMIT ?`,
  );
  const messages = db.prepare(
    `SELECT id, ticket_id, role, given_role, public, created_at, body FROM messages WHERE ticket_id BETWEEN ? AND ? ORDER BY ticket_id, created_at, id`,
  );
  const setRole = db.prepare('UPDATE messages SET role = ? WHERE id = ?');
  const setFlags = db.prepare(SET_FLAGS);
  let changed = 0;
  for (let after = 0; ;) {
    const batch = tickets.all(after, BATCH) as TicketRow[];
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id;
    const byTicket = new Map<number, MessageRow[]>();
    for (const m of messages.all(batch[0]!.id, after) as MessageRow[]) {
      const list = byTicket.get(m.ticket_id) ?? [];
      list.push(m);
      byTicket.set(m.ticket_id, list);
    }
    inTransaction(db, () => {
      for (const t of batch) {
        const stored = byTicket.get(t.id) ?? [];
        const kept = withKeptRoles(
          stored.map((m) => ({
            id: m.id,
            role: m.given_role ?? m.role,
            was: m.role,
            public: m.public === 1,
            createdAt: m.created_at,
            body: m.body,
          })),
        );
        let differs = false;
        for (const m of kept) {
          if (m.role === m.was) continue;
          setRole.run(m.role, m.id);
          differs = true;
        }
        const flags = deriveFlags({
          status: t.status,
          solvedAt: t.solved_at,
          reopenedAt: t.reopened_at,
          signals: JSON.parse(t.signals) as VendorSignals,
          messages: kept,
        });
        const values = flagValues(flags);
        const before = storedFlagValues(t);
        if (values.some((v, i) => v !== before[i])) {
          setFlags.run(...values, t.id);
          differs = true;
        }
        if (differs) changed++;
      }
    });
  }
  setSetting(db, SETTING, key);
  return changed;
}
