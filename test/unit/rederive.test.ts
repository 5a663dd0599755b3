import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessageRole } from '../../src/shared/domain/ticket';
import { loadMigrations, migrate } from '../../src/main/core/db/migrate';
import { nativeBindingPath } from '../../src/main/core/db/native';
import { openDatabase, type DB } from '../../src/main/core/db/open';
import { setSetting } from '../../src/main/core/system/settings';
import { deriveFlags, flagValues } from '../../src/main/core/tickets/derive';
import type { TicketInput } from '../../src/main/core/tickets/format';
import { rederiveTickets } from '../../src/main/core/tickets/rederive';
import { ensureSource, TicketStore } from '../../src/main/core/tickets/store';
import { tempDir } from '../helpers/temp';
import { ticketInput } from '../helpers/tickets';

const at = (hour: number) => new Date(Date.UTC(2026, 2, 2, 9) + hour * 3600e3).toISOString();
const MERGE_NOTE = 'Request #4820 "Refund" was closed and merged into this request. Last comment in request #4820: Where is my refund?';

function ticket(
  id: string,
  fields: Partial<Pick<TicketInput, 'status' | 'solvedAt' | 'reopenedAt' | 'signals'>>,
  said: [MessageRole, number, string][],
): TicketInput {
  const messages = said.map(([role, hour, body], i) => ({
    externalId: `${id}-${i}`,
    role,
    public: true,
    createdAt: at(hour),
    body,
    authorId: null,
    authorName: null,
  }));
  return ticketInput(id, messages, { channel: 'chat', createdAt: at(0), ...fields });
}

/** Tickets whose flags rest on what only the helpdesk said (its marks, a reopen date) and one an older version misread. */
const TICKETS = [
  // Intercom: its AI agent answered, no bot message came with the conversation
  ticket('marked', { signals: { aiInvolved: true } }, [['customer', 0, 'Can I pause my plan?']]),
  ticket('marked handover', { status: 'open', signals: { aiInvolved: true, handover: true } }, [['customer', 0, 'Can I pause my plan?']]),
  // Freshdesk: reopened eight days after it was solved (outside the window: still AI-resolved), and the next day
  ticket('reopened late', { solvedAt: at(1), reopenedAt: at(1 + 8 * 24) }, [
    ['customer', 0, 'Where is my parcel?'],
    ['bot', 0.1, 'Parcels arrive within 3 working days.'],
  ]),
  ticket('reopened soon', { solvedAt: at(1), reopenedAt: at(25) }, [
    ['customer', 0, 'Where is my parcel?'],
    ['bot', 0.1, 'Parcels arrive within 3 working days.'],
  ]),
  ticket('handed over', {}, [
    ['customer', 0, 'My card was declined'],
    ['bot', 0.1, "I'm not sure about that. A colleague will get back to you."],
    ['agent', 2, 'Your bank blocked it: call them to approve the payment.'],
  ]),
  // the helpdesk's merge note in an agent's name: an older version took it for the person's reply
  ticket('merged into', {}, [
    ['customer', 0, 'Where is my refund?'],
    ['bot', 0.1, 'Refunds take 5 working days.'],
    ['agent', 3, MERGE_NOTE],
  ]),
];

function stored(db: DB) {
  return {
    tickets: db
      .prepare(
        'SELECT external_id, solved, ai_involved, handover, handover_at, ai_resolved, unanswered, reopened FROM tickets ORDER BY external_id',
      )
      .all(),
    roles: db.prepare('SELECT m.external_id, m.role FROM messages m ORDER BY m.external_id').all(),
  };
}

/** A workspace as the version before these columns wrote it: the roles it kept, the flags it derived from them, nothing more. */
function olderWorkspace(file: string): void {
  const older = new Database(file, { nativeBinding: nativeBindingPath() });
  const inputsMigration = loadMigrations().find((m) => m.name === 'derivation_inputs')!;
  migrate(older, loadMigrations().slice(0, inputsMigration.version - 1));
  older.prepare(`INSERT INTO sources (id, kind, name, created_at) VALUES (1, 'file', 'export', ?)`).run(at(0));
  for (const t of TICKETS) {
    const messages = t.messages; // it kept each role as given: the merge note as the agent's
    const id = older
      .prepare(
        `INSERT INTO tickets (source_id, external_id, status, created_at, solved_at, ingested_at,
           solved, ai_involved, handover, handover_at, ai_resolved, unanswered, reopened) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(t.externalId, t.status, t.createdAt, t.solvedAt, at(0), ...flagValues(deriveFlags({ ...t, messages }))).lastInsertRowid;
    for (const m of messages)
      older
        .prepare('INSERT INTO messages (ticket_id, external_id, role, public, created_at, body) VALUES (?, ?, ?, 1, ?, ?)')
        .run(id, m.externalId, m.role, m.createdAt, m.body);
  }
  older.close();
}

describe('reading stored tickets again', () => {
  it('gives a workspace an older version stored the roles and flags of this one, keeping what only the helpdesk said', () => {
    const dir = tempDir();
    const current = openDatabase(join(dir, 'current.db'), { create: true });
    const store = new TicketStore(current);
    const source = ensureSource(current, 'file', 'export');
    for (const t of TICKETS) store.upsert(source, t);
    expect(rederiveTickets(current)).toBe(0); // what the store derives, read again, is the same

    olderWorkspace(join(dir, 'old.db'));
    const upgraded = openDatabase(join(dir, 'old.db'));
    try {
      const before = stored(upgraded);
      expect(before.tickets.find((t) => (t as { external_id: string }).external_id === 'merged into')).toMatchObject({ handover: 1 });
      expect(rederiveTickets(upgraded)).toBe(1);
      expect(stored(upgraded)).toEqual(stored(current));
      expect(stored(upgraded).tickets.find((t) => (t as { external_id: string }).external_id === 'merged into')).toMatchObject({
        handover: 0,
        ai_resolved: 1,
      });
    } finally {
      upgraded.close();
      current.close();
    }
  });

  it('reads them again only when the derivation changed since it last did', () => {
    const db = openDatabase(join(tempDir(), 'w.db'), { create: true });
    try {
      const store = new TicketStore(db);
      const source = ensureSource(db, 'file', 'export');
      for (const t of TICKETS) store.upsert(source, t);
      expect(rederiveTickets(db)).toBe(0);
      const merged = "(SELECT id FROM tickets WHERE external_id = 'merged into')";
      db.prepare(`UPDATE messages SET role = 'agent' WHERE ticket_id = ${merged} AND body LIKE 'Request #4820%'`).run();
      db.prepare(`UPDATE tickets SET handover = 1 WHERE id = ${merged}`).run();
      expect(rederiveTickets(db)).toBe(0); // the same derivation: nothing is read again
      setSetting(db, 'tickets.derivation', 'an older one');
      expect(rederiveTickets(db)).toBe(1);
      expect(db.prepare(`SELECT handover FROM tickets WHERE id = ${merged}`).pluck().get()).toBe(0);
      expect(db.prepare(`SELECT role FROM messages WHERE ticket_id = ${merged} AND body LIKE 'Request #4820%'`).pluck().get()).toBe(
        'system',
      );
    } finally {
      db.close();
    }
  });
});
