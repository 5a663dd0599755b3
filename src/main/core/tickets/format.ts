import { z } from 'zod';
import { MESSAGE_ROLES, type MessageRole } from '../../../shared/domain/ticket';
import { htmlToText } from '../connectors/html-text';
import { iso } from './time';

/** A ticket as the engine stores it, whatever it came from (import, demo, a helpdesk). */
export interface TicketInput {
  externalId: string;
  subject: string | null;
  status: string | null;
  channel: string | null;
  createdAt: string;
  updatedAt: string | null;
  solvedAt: string | null;
  reopenedAt: string | null;
  tags: string[];
  csat: string | null;
  requester: { id: string | null; name: string | null; email: string | null } | null;
  messages: MessageInput[];
  /** What the helpdesk itself says about its AI agent on this ticket (Intercom's resolution state, Gorgias tags). */
  signals?: VendorSignals;
  /** Ground truth of labelled data (the demo); never read by the learning engine. */
  truth: unknown;
}

export interface VendorSignals {
  /** The helpdesk marks the ticket as handled by its AI agent. */
  aiInvolved?: boolean;
  /** The helpdesk marks an escalation from its AI agent to the team. */
  handover?: boolean;
}

export interface MessageInput {
  externalId: string;
  role: MessageRole;
  public: boolean;
  createdAt: string;
  body: string;
  authorId: string | null;
  authorName: string | null;
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** ISO 8601, also with a space before the zone or the zone named UTC or GMT ("2026-03-02 09:14:00 UTC", as some exports write). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?$/;

/** A date as mail writes it (RFC 2822): "Mon, 02 Mar 2026 09:14:00 +0000". */
const MAIL_DATE = /^(?:[A-Za-z]{3}, )?\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|UTC|GMT)$/;

/** Day and month in an order the date does not say: 03/01/2026 is 3 January to some, 1 March to others. */
const SLASHED_DATE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/;

/** Unix time in seconds or milliseconds, as many exports write it (1973 to 5138). */
const UNIX_TIME = /^\d{9,13}$/;

/** An ISO 8601 date or date-time, a mail date, or Unix time, normalized to UTC `…Z`. */
export const isoDate = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const text = String(value).trim();
  const at = UNIX_TIME.test(text)
    ? iso(Number(text))
    : ISO_DATE.test(text)
      ? iso(text.replace(/ ?(?:UTC|GMT)$/, 'Z').replace(/ ([+-]\d{2}:?\d{2})$/, '$1'))
      : MAIL_DATE.test(text)
        ? iso(text)
        : null;
  if (at === null) {
    const hint = SLASHED_DATE.test(text)
      ? 'day and month could be either way round: write it as ISO 8601, e.g. 2026-03-02T09:14:00Z, or Unix time'
      : 'use ISO 8601, e.g. 2026-03-02T09:14:00Z, or Unix time';
    ctx.addIssue({ code: 'custom', message: `"${text.slice(0, 40)}" is not a valid date (${hint})` });
    return z.NEVER;
  }
  return at;
});

const id = z.union([z.string().trim().min(1, 'must not be empty'), z.number().finite()]).transform(String);
const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v ? v : null));

/**
 * The names helpdesks and their exports give the same roles (Zendesk's end-user and admin, a
 * chat's visitor). "assistant" and "operator" stay unknown: a person in one export, a bot in another.
 */
const ROLE_NAMES = new Map<string, MessageRole>([
  ...['end-user', 'end_user', 'enduser', 'requester', 'user', 'contact', 'lead', 'visitor', 'client'].map((n) => [n, 'customer'] as const),
  ...['admin', 'human', 'staff'].map((n) => [n, 'agent'] as const),
  ...['ai', 'ai_agent', 'ai-agent', 'chatbot'].map((n) => [n, 'bot'] as const),
]);

export const roleSchema = z.string().transform((value, ctx) => {
  const name = value.trim().toLowerCase();
  const role = MESSAGE_ROLES.find((known) => known === name) ?? ROLE_NAMES.get(name);
  if (!role) {
    const message =
      name === 'assistant' || name === 'operator'
        ? `role "${name}" could be a person or the AI agent: use agent for a person, bot for the AI agent`
        : `unknown role "${value.slice(0, 30)}" (use ${MESSAGE_ROLES.join(', ')})`;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
  return role;
});

export const bodySchema = z.string().superRefine((body, ctx) => {
  const bytes = Buffer.byteLength(body);
  if (bytes > MAX_BODY_BYTES) {
    ctx.addIssue({ code: 'custom', message: `body is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is 1 MB per message` });
  }
});

export const publicSchema = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', ''])])
  .optional()
  .transform((v) => v === undefined || v === '' || v === true || v === 'true' || v === '1' || v === 'yes');

const messageSchema = z.object({
  id: id.optional(),
  role: roleSchema,
  public: publicSchema,
  created_at: isoDate.optional(),
  body: bodySchema,
  author: z.object({ id: id.optional(), name: optionalText }).partial().nullish(),
});

/** One line of the open ticket format (DESIGN §7). Unknown fields are ignored. */
export const ticketLineSchema = z.object({
  id,
  subject: optionalText,
  status: optionalText,
  channel: optionalText,
  created_at: isoDate,
  updated_at: isoDate.nullish(),
  solved_at: isoDate.nullish(),
  reopened_at: isoDate.nullish(),
  tags: z.array(z.string()).nullish(),
  csat: z.union([z.string(), z.number()]).nullish(),
  requester: z.object({ id: id.optional(), name: optionalText, email: optionalText }).partial().nullish(),
  messages: z.array(messageSchema).min(1, 'a ticket needs at least one message'),
  truth: z.unknown().optional(),
});

export type TicketLine = z.output<typeof ticketLineSchema>;

/**
 * A body an export left in HTML ("<p>Hi,<br>…</p>", as helpdesks store it) is kept as its text,
 * as a connector keeps it. Only formatting tags tell it is HTML: "a < b", "<3" or a pasted
 * "<img onerror=…>" in a text body stays as written (and is shown as text).
 */
const HTML_MARKUP = /<\/?(?:p|br|div|span|ul|ol|li|a|b|strong|em|i|u|table|tr|td|th|h[1-6]|blockquote|pre|font|hr)\b[^<>]*>/i;

export function toTicketInput(line: TicketLine): TicketInput {
  return {
    externalId: line.id,
    subject: line.subject,
    status: line.status?.toLowerCase() ?? null,
    channel: line.channel,
    createdAt: line.created_at,
    updatedAt: line.updated_at ?? null,
    solvedAt: line.solved_at ?? null,
    reopenedAt: line.reopened_at ?? null,
    tags: [...new Set((line.tags ?? []).map((t) => t.trim()).filter(Boolean))],
    csat: line.csat === undefined || line.csat === null ? null : String(line.csat),
    requester: line.requester
      ? { id: line.requester.id ?? null, name: line.requester.name ?? null, email: line.requester.email ?? null }
      : null,
    messages: line.messages.map((m, index) => ({
      // a message without an id is keyed by its position, which a newer export keeps
      externalId: m.id ?? `#${index + 1}`,
      role: m.role,
      public: m.public,
      createdAt: m.created_at ?? line.created_at,
      body: HTML_MARKUP.test(m.body) ? htmlToText(m.body) : m.body,
      authorId: m.author?.id ?? null,
      authorName: m.author?.name ?? null,
    })),
    truth: line.truth ?? null,
  };
}

/**
 * The first few problems of a rejected line, in the lead's words: "id is missing",
 * "messages: expected a list, got text", "messages.2.role: unknown role …". `input` is what was
 * validated, to tell a missing field from one of the wrong kind.
 */
export function describeIssues(error: z.ZodError, input?: unknown): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.join('.');
      const value = valueAt(input, issue.path);
      if (value === undefined && path) return `${path} is missing`;
      const message =
        issue.code === 'invalid_type' || issue.code === 'invalid_union'
          ? `expected ${expectedOf(issue)}, got ${kindOf(value)}`
          : issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const KIND_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

function kindOf(value: unknown): string {
  return KIND_NAMES[value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value] ?? typeof value;
}

function expectedOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return KIND_NAMES[issue.expected] ?? issue.expected;
  if (issue.code === 'invalid_union') {
    const kinds = issue.errors.flatMap((branch) => branch.filter((i) => i.code === 'invalid_type').map((i) => expectedOf(i)));
    return [...new Set(kinds)].join(' or ') || 'another kind of value';
  }
  return 'another kind of value';
}
