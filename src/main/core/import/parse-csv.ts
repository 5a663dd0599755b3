import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import type { ImportIssue } from '../../../shared/domain/ticket';
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
  { kind: 'ticket'; ticket: TicketInput; lastLine: number; bytes: number } | { kind: 'issue'; issue: ImportIssue; bytes: number };

const REQUIRED_COLUMNS = ['ticket_id', 'created_at', 'role', 'body'];

/**
 * Streams tickets out of a CSV export: consecutive rows with the same ticket_id form one
 * ticket. A bad row is reported with its line and left out; its ticket keeps the good rows.
 * Rows up to `skipThroughLine` were imported before an interruption and are passed over.
 */
export async function* parseCsvTickets(path: string, skipThroughLine = 0): AsyncGenerator<CsvEvent> {
  const skipped: ImportIssue[] = [];
  const parser = createReadStream(path).pipe(
    parse({
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim().toLowerCase());
        const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
        if (missing.length) throw new Error(`the CSV header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
        return names;
      },
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) skipped.push({ line: (error as { lines?: number }).lines ?? 0, reason: error.message });
      },
    }),
  );

  let group: { rows: Row[]; lastLine: number } | null = null;
  let previousEnd = 1; // the header
  let bytes = 0;
  const flush = function* (): Generator<CsvEvent> {
    if (!group) return;
    yield { kind: 'ticket', ticket: assemble(group.rows), lastLine: group.lastLine, bytes };
    group = null;
  };

  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number; bytes: number };
  }>) {
    bytes = info.bytes;
    for (const issue of skipped.splice(0)) yield { kind: 'issue', issue, bytes };
    const line = previousEnd + 1;
    previousEnd = info.lines;
    if (line <= skipThroughLine) continue;
    if (Object.values(record).some((v) => typeof v === 'string' && v.includes('\uFFFD'))) {
      yield { kind: 'issue', issue: { line, reason: 'invalid UTF-8' }, bytes };
      continue;
    }
    const row = rowSchema.safeParse(record);
    if (!row.success) {
      yield { kind: 'issue', issue: { line, reason: describeIssues(row.error) }, bytes };
      continue;
    }
    if (group && group.rows[0]!.ticket_id !== row.data.ticket_id) yield* flush();
    group ??= { rows: [], lastLine: line };
    group.rows.push(row.data);
    group.lastLine = info.lines;
  }
  for (const issue of skipped.splice(0)) yield { kind: 'issue', issue, bytes };
  yield* flush();
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
