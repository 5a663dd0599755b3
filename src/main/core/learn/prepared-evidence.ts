import { createHash } from 'node:crypto';
import type { DB } from '../db/open';
import { inTransaction } from '../db/transaction';
import { prepareEvidence, type Evidence, type RawEvidence } from '../draft/evidence';
import type { RedactionRules } from '../draft/redact';

/**
 * Prepared evidence kept per ticket (table prepared_evidence), so a learning run cleans and
 * redacts only tickets that are new or whose text, people or the workspace's rules changed.
 *
 * The fingerprint covers everything preparation reads: the raw texts, the names, the rules, and
 * the cleaning and redaction code itself, through what that code makes of a few probe texts —
 * a change to it that shows on them prepares every ticket again. Bump PREPARATION for a change
 * the probes would not show.
 */
const PREPARATION = 3;

const PROBES: RawEvidence[] = [
  {
    ticketId: 0,
    subject: 'Re: order #A-12345 for Jane Doe',
    question:
      'Hey Jeremiah!\n\nMy card 4111 1111 1111 1111 was charged twice, bill #00108, call +44 20 7946 0958 or jane.doe@example.com.\n\n> quoted\nSent from my phone',
    answer:
      'Hi Jane,\n\n1. Open Orders at 221B Baker Street\n2. Ref 123456789012, IBAN DE89370400440532013000, 192.168.0.1\n\nBest,\nSam Lee',
    names: ['Jane Doe', 'Sam Lee'],
    createdAt: '2026-01-01T00:00:00.000Z',
    customerId: null,
  },
];

let probeKey: string | undefined;

function codeKey(): string {
  probeKey ??= `${PREPARATION}:${sha1(JSON.stringify(prepareEvidence(PROBES)))}`;
  return probeKey;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function fingerprintOf(raw: RawEvidence, rulesKey: string): string {
  return sha1([rulesKey, raw.subject ?? '', raw.question, raw.answer, raw.names.join('\u0001')].join('\u0000'));
}

interface StoredRow {
  ticket_id: number;
  fingerprint: string;
  subject: string | null;
  question: string;
  answer: string;
  redacted: string;
}

/** The evidence of `raw` with the workspace's `rules`, prepared once and then read back while nothing it depends on changes. */
export function preparedEvidence(db: DB, raw: RawEvidence[], rules: RedactionRules): Evidence[] {
  if (!raw.length) return [];
  const rulesKey = `${codeKey()}:${JSON.stringify(rules)}`;
  const stored = new Map(
    (
      db
        .prepare(`SELECT * FROM prepared_evidence WHERE ticket_id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(raw.map((r) => r.ticketId))) as StoredRow[]
    ).map((r) => [r.ticket_id, r]),
  );
  const fresh: { evidence: Evidence; fingerprint: string }[] = [];
  const out = raw.map((item) => {
    const fingerprint = fingerprintOf(item, rulesKey);
    const row = stored.get(item.ticketId);
    if (row?.fingerprint === fingerprint)
      return {
        ticketId: item.ticketId,
        subject: row.subject,
        question: row.question,
        answer: row.answer,
        createdAt: item.createdAt,
        customerId: item.customerId,
        redacted: JSON.parse(row.redacted) as Evidence['redacted'],
      };
    const [evidence] = prepareEvidence([item], rules);
    fresh.push({ evidence: evidence!, fingerprint });
    return evidence!;
  });
  if (fresh.length) keep(db, fresh);
  return out;
}

/** Stores newly prepared evidence; a workspace that takes no writes (damaged, read-only) simply prepares again next time. */
function keep(db: DB, fresh: { evidence: Evidence; fingerprint: string }[]): void {
  if (db.readonly || db.pragma('query_only', { simple: true })) return;
  const put = db.prepare(
    `INSERT INTO prepared_evidence (ticket_id, fingerprint, subject, question, answer, redacted) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(ticket_id) DO UPDATE SET fingerprint = excluded.fingerprint, subject = excluded.subject,
       question = excluded.question, answer = excluded.answer, redacted = excluded.redacted`,
  );
  const write = () => {
    for (const { evidence: e, fingerprint } of fresh)
      put.run(e.ticketId, fingerprint, e.subject, e.question, e.answer, JSON.stringify(e.redacted));
  };
  if (db.inTransaction) write();
  else inTransaction(db, write);
}
