import { z } from 'zod';
import type { ImportIssue } from '../../../shared/domain/ticket';
import { delimiterOf, readCsvRecords } from './csv-records';
import { bodySchema, describeIssues, isoDate, publicSchema, roleSchema, toTicketInput, type TicketInput } from '../tickets/format';

/** One CSV row per message (DESIGN §7); the optional columns fill in the ticket. */
const rowSchema = z.object({
  ticket_id: z.string().trim().min(1, 'is required'),
  message_id: z.string().optional(),
  created_at: isoDate,
  role: roleSchema,
  public: publicSchema,
  body: bodySchema,
  subject: z.string().optional(),
  status: z.string().optional(),
  channel: z.string().optional(),
  solved_at: z.union([z.literal(''), isoDate]).optional(),
  tags: z.string().optional(),
  author_name: z.string().optional(),
  requester_name: z.string().optional(),
  requester_email: z.string().optional(),
  csat: z.string().optional(),
});
type Row = z.output<typeof rowSchema>;

export type CsvEvent =
  | { kind: 'ticket'; ticket: TicketInput; firstLine: number; lastLine: number; bytes: number }
  | { kind: 'issue'; issue: ImportIssue; bytes: number };

const REQUIRED_COLUMNS = ['ticket_id', 'created_at', 'role', 'body'];
/** The most one row may hold: a longer one is reported and passed over without being kept. */
export const MAX_ROW_BYTES = 16 * 1024 * 1024;

/**
 * Streams tickets out of a CSV export: consecutive rows with the same ticket_id form one
 * ticket. A bad row is reported with its line and left out; its ticket keeps the good rows.
 * Rows up to `skipThroughLine` were imported before an interruption and are passed over.
 */
export async function* parseCsvTickets(path: string, skipThroughLine = 0): AsyncGenerator<CsvEvent> {
  let columns: string[] | null = null;
  const recordOf = (fields: string[]) => {
    const record: Record<string, string> = {};
    columns!.forEach((name, i) => {
      if (i < fields.length) record[name] = fields[i]!;
    });
    return record;
  };
  const rowOf = (fields: string[]) => rowSchema.safeParse(recordOf(fields));
  const records = readCsvRecords(path, {
    delimiter: await delimiterOf(path),
    maxRecordBytes: MAX_ROW_BYTES,
    isRow: (fields) => columns !== null && fields.length === columns.length && rowOf(fields).success,
  });

  let group: { rows: Row[]; firstLine: number; lastLine: number } | null = null;
  let bytes = 0;
  const flush = function* (): Generator<CsvEvent> {
    if (!group) return;
    yield { kind: 'ticket', ticket: assemble(group.rows), firstLine: group.firstLine, lastLine: group.lastLine, bytes };
    group = null;
  };

  for await (const record of records) {
    bytes = record.end;
    if (!columns) {
      if (!record.ok) throw new Error(`the CSV header on line ${record.line} cannot be read: ${record.reason}`);
      columns = header(record.fields);
      continue;
    }
    if (record.line <= skipThroughLine) continue;
    if (!record.ok) {
      yield { kind: 'issue', issue: { line: record.line, reason: record.reason }, bytes };
      continue;
    }
    if (record.fields.some((v) => v.includes('\uFFFD'))) {
      yield { kind: 'issue', issue: { line: record.line, reason: 'invalid UTF-8' }, bytes };
      continue;
    }
    const row = rowOf(record.fields);
    if (!row.success) {
      yield { kind: 'issue', issue: { line: record.line, reason: describeIssues(row.error, recordOf(record.fields)) }, bytes };
      continue;
    }
    if (group && group.rows[0]!.ticket_id !== row.data.ticket_id) yield* flush();
    group ??= { rows: [], firstLine: record.line, lastLine: record.lastLine };
    group.rows.push(row.data);
    group.lastLine = record.lastLine;
  }
  yield* flush();
}

/**
 * The column names, checked for the ones every row needs. A spreadsheet's headings count as the
 * names they spell: "Ticket ID" is ticket_id, "Created at" created_at, "Message-ID" message_id.
 */
function header(fields: string[]): string[] {
  const given = fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const names = given.map((h) => h.toLowerCase().replace(/[\s.-]+/g, '_'));
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    const found = given.filter(Boolean);
    const shown = found.length > 8 ? `${found.slice(0, 8).join(', ')}, …` : found.join(', ');
    throw new Error(
      `the CSV header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (it has: ${shown || 'nothing'})`,
    );
  }
  return names;
}

function assemble(rows: Row[]): TicketInput {
  const last = <K extends keyof Row>(key: K) =>
    rows
      .map((r) => r[key])
      .filter((v) => v !== undefined && v !== '')
      .at(-1) as Row[K] | undefined;
  const createdAt = rows.map((r) => r.created_at).sort()[0]!;
  const tags = last('tags');
  return toTicketInput({
    id: rows[0]!.ticket_id,
    subject: last('subject') ?? null,
    status: last('status') ?? null,
    channel: last('channel') ?? null,
    created_at: createdAt,
    solved_at: last('solved_at') || null,
    tags: tags ? tags.split(/[;,]/) : [],
    csat: last('csat') ?? null,
    requester:
      last('requester_name') || last('requester_email')
        ? { name: last('requester_name') ?? null, email: last('requester_email') ?? null }
        : null,
    messages: rows.map((r) => ({
      id: r.message_id || undefined,
      role: r.role,
      public: r.public,
      created_at: r.created_at,
      body: r.body,
      author: r.author_name ? { name: r.author_name } : null,
    })),
  });
}
