import { createHash } from 'node:crypto';
import type { MessageRole } from '../../../shared/domain/ticket';
import { nowIso, type DB } from '../db/open';
import type { TicketFlags } from '../../../shared/domain/ticket';
import { deriveFlags, flagValues, SET_FLAGS, withKeptRoles, type DeriveInput } from './derive';
import type { TicketInput } from './format';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export function ticketHash(ticket: TicketInput): string {
  return createHash('sha1').update(JSON.stringify(ticket)).digest('base64url');
}

/**
 * Writes tickets idempotently, keyed by (source, ticket id) and (ticket, message id): the
 * same ticket twice changes nothing; a newer version updates fields and adds or edits
 * messages. Flags are derived again from every stored message, and the search index follows.
 * Call inside a transaction; the import wraps each batch in one.
 */
export class TicketStore {
  private readonly find;
  private readonly insertTicket;
  private readonly updateTicket;
  private readonly upsertMessage;
  private readonly messagesOf;
  private readonly setFlags;
  private readonly ftsDelete;
  private readonly ftsInsert;
  private readonly tagsDelete;
  private readonly tagInsert;
  private readonly truthUpsert;

  constructor(private readonly db: DB) {
    this.find = db.prepare('SELECT id, content_hash FROM tickets WHERE source_id = ? AND external_id = ?');
    const columns = `subject, status, channel, created_at, updated_at, solved_at, tags, csat, requester_id, requester_name, requester_email, content_hash, reopened_at, signals`;
    const flagColumns = 'solved, ai_involved, handover, handover_at, ai_resolved, unanswered, reopened';
    this.insertTicket = db.prepare(
      `INSERT INTO tickets (source_id, external_id, ${columns}, ingested_at, ${flagColumns}) VALUES (${Array(24).fill('?').join(', ')})`,
    );
    this.updateTicket = db.prepare(
      `UPDATE tickets SET subject = ?, status = ?, channel = ?, created_at = ?, updated_at = ?, solved_at = ?, tags = ?, csat = ?,
       requester_id = ?, requester_name = ?, requester_email = ?, content_hash = ?, reopened_at = ?, signals = ?, ingested_at = ?
       WHERE id = ?`,
    );
    this.upsertMessage = db.prepare(
      `INSERT INTO messages (ticket_id, external_id, role, given_role, public, created_at, body, author_id, author_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (ticket_id, external_id) DO UPDATE SET role = excluded.role, given_role = excluded.given_role, public = excluded.public,
       created_at = excluded.created_at, body = excluded.body, author_id = excluded.author_id, author_name = excluded.author_name`,
    );
    this.messagesOf = db.prepare('SELECT role, public, created_at, body FROM messages WHERE ticket_id = ? ORDER BY created_at, id');
    this.setFlags = db.prepare(SET_FLAGS);
    this.ftsDelete = db.prepare('DELETE FROM ticket_fts WHERE rowid = ?');
    this.ftsInsert = db.prepare('INSERT INTO ticket_fts (rowid, subject, body) VALUES (?, ?, ?)');
    this.tagsDelete = db.prepare('DELETE FROM ticket_tags WHERE ticket_id = ?');
    this.tagInsert = db.prepare('INSERT OR IGNORE INTO ticket_tags (tag, ticket_id) VALUES (?, ?)');
    this.truthUpsert = db.prepare(
      'INSERT INTO ticket_truth (ticket_id, truth) VALUES (?, ?) ON CONFLICT (ticket_id) DO UPDATE SET truth = excluded.truth',
    );
  }

  /** `fingerprint` identifies this version of the ticket; by default a hash of its content. */
  upsert(sourceId: number, given: TicketInput, fingerprint = ticketHash(given)): UpsertOutcome {
    const hash = fingerprint;
    const existing = this.find.get(sourceId, given.externalId) as { id: number; content_hash: string | null } | undefined;
    if (existing?.content_hash === hash) return 'unchanged';
    const ticket = { ...given, messages: withKeptRoles(given.messages) };
    const writeMessages = (id: number) =>
      ticket.messages.forEach((m, i) =>
        this.upsertMessage.run(
          id,
          m.externalId,
          m.role,
          given.messages[i]!.role,
          m.public ? 1 : 0,
          m.createdAt,
          m.body,
          m.authorId,
          m.authorName,
        ),
      );

    const r = ticket.requester;
    const fields = [
      ticket.subject,
      ticket.status,
      ticket.channel,
      ticket.createdAt,
      ticket.updatedAt,
      ticket.solvedAt,
      JSON.stringify(ticket.tags),
      ticket.csat,
      r?.id ?? null,
      r?.name ?? null,
      r?.email ?? null,
      hash,
      ticket.reopenedAt,
      JSON.stringify(ticket.signals ?? {}),
    ];
    if (!existing) {
      // a new ticket holds exactly the given messages: its flags go in with it
      const id = Number(
        this.insertTicket.run(sourceId, ticket.externalId, ...fields, nowIso(), ...flagValues(deriveFlagsOf(ticket, ticket.messages)))
          .lastInsertRowid,
      );
      writeMessages(id);
      this.ftsInsert.run(id, ticket.subject ?? '', ticket.messages.map((m) => m.body).join('\n'));
      this.writeTagsAndTruth(id, ticket);
      return 'created';
    }

    // an updated ticket may keep messages the newer version left out: derive from all of them
    const id = existing.id;
    this.updateTicket.run(...fields, nowIso(), id);
    writeMessages(id);
    const messages = (this.messagesOf.all(id) as { role: MessageRole; public: number; created_at: string; body: string }[]).map((m) => ({
      role: m.role,
      public: m.public === 1,
      createdAt: m.created_at,
      body: m.body,
    }));
    this.setFlags.run(...flagValues(deriveFlagsOf(ticket, messages)), id);
    this.ftsDelete.run(id);
    this.ftsInsert.run(id, ticket.subject ?? '', messages.map((m) => m.body).join('\n'));
    this.tagsDelete.run(id);
    this.writeTagsAndTruth(id, ticket);
    return 'updated';
  }

  private writeTagsAndTruth(id: number, ticket: TicketInput): void {
    for (const tag of ticket.tags) this.tagInsert.run(tag, id);
    if (ticket.truth !== null) this.truthUpsert.run(id, JSON.stringify(ticket.truth));
  }
}

function deriveFlagsOf(ticket: TicketInput, messages: DeriveInput['messages']): TicketFlags {
  return deriveFlags({
    status: ticket.status,
    solvedAt: ticket.solvedAt,
    reopenedAt: ticket.reopenedAt,
    messages,
    signals: ticket.signals,
  });
}

/** The source a kind of input writes to, created on first use (imports share one per name). */
export function ensureSource(db: DB, kind: 'file' | 'demo', name: string): number {
  const found = db.prepare('SELECT id FROM sources WHERE kind = ? AND name = ?').get(kind, name) as { id: number } | undefined;
  if (found) return found.id;
  return Number(db.prepare('INSERT INTO sources (kind, name, created_at) VALUES (?, ?, ?)').run(kind, name, nowIso()).lastInsertRowid);
}
