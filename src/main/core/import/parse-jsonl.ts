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
  if (nestedDeeperThan(text, MAX_DEPTH)) return { ok: false, reason: `nested deeper than ${MAX_DEPTH} levels` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  try {
    const parsed = ticketLineSchema.safeParse(value);
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error, value) };
    return { ok: true, ticket: toTicketInput(parsed.data) };
  } catch (error) {
    // whatever a hostile line does to validation stays with that line
    return { ok: false, reason: `could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** A ticket needs a few levels ({ messages: [{ author: {} }] }); far more is not an export. */
const MAX_DEPTH = 64;

/** Whether JSON text nests objects and arrays deeper than `limit`, by one pass outside strings. */
export function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
