import { describeIssues, ticketLineSchema, toTicketInput, type TicketInput } from '../tickets/format';
import type { RawLine } from './lines';

export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type ParsedLine = { ok: true; ticket: TicketInput } | { ok: false; reason: string } | { ok: 'blank' };

/** One JSONL line to a ticket, or the reason it cannot be one. */
export function parseJsonLine(line: RawLine): ParsedLine {
  if (line.oversized) return { ok: false, reason: `line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB` };
  let text: string;
  try {
    text = utf8.decode(line.bytes);
  } catch {
    return { ok: false, reason: 'invalid UTF-8' };
  }
  if (line.number === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) return { ok: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  const parsed = ticketLineSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  return { ok: true, ticket: toTicketInput(parsed.data) };
}
