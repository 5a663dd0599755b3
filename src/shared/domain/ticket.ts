import { plural } from '../plural';

export const MESSAGE_ROLES = ['customer', 'agent', 'bot', 'system'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** Per-ticket facts derived from its messages at import / sync time (DESIGN §2). */
export interface TicketFlags {
  /** Its status says so; without a status, a solved date or the team's last word does (`deriveFlags`). */
  solved: boolean;
  aiInvolved: boolean;
  handover: boolean;
  handoverAt: string | null;
  aiResolved: boolean;
  unanswered: boolean;
  reopened: boolean;
}

export interface TicketSummary extends TicketFlags {
  id: number;
  externalId: string;
  sourceName: string;
  subject: string | null;
  status: string | null;
  channel: string | null;
  createdAt: string;
  tags: string[];
  csat: string | null;
  messageCount: number;
  /** The start of the first customer message, as plain text. */
  preview: string;
}

export interface Message {
  id: number;
  externalId: string;
  role: MessageRole;
  public: boolean;
  createdAt: string;
  body: string;
  authorName: string | null;
}

export interface TicketDetail extends TicketSummary {
  solvedAt: string | null;
  requesterName: string | null;
  requesterEmail: string | null;
  messages: Message[];
}

export interface TicketFacets {
  total: number;
  aiInvolved: number;
  handover: number;
  aiResolved: number;
  unanswered: number;
  statuses: { value: string; count: number }[];
  tags: { value: string; count: number }[];
}

export interface TicketPage {
  total: number;
  offset: number;
  rows: TicketSummary[];
}

export interface ImportIssue {
  /** 1-based line number in the file (for CSV, the line where the record starts). */
  line: number;
  reason: string;
}

export interface ImportReason {
  reason: string;
  /** How many lines were skipped for it. */
  lines: number;
  /** The first of those lines. */
  first: number[];
  /** The reason is the first line's: others name another value in the same place ("03/02/2026" for "03/01/2026"). */
  alike?: boolean;
}

/** "line 7", or "60 lines (1, 2, 3, 4, 5, …)": where in the file a reason applies. */
export function reasonLines(r: ImportReason, locale?: string): string {
  if (r.lines === 1) return `line ${r.first[0]}`;
  return `${plural(r.lines, 'line', locale)} (${r.first.join(', ')}${r.lines > r.first.length ? ', …' : ''})`;
}

/** The reason as said once for all its lines. */
export const reasonText = (r: ImportReason): string => (r.alike ? `${r.reason} (line ${r.first[0]}; the others alike)` : r.reason);

export interface ImportSummary {
  file: string;
  format: 'jsonl' | 'csv';
  /** New tickets. */
  imported: number;
  /** Tickets that existed and changed. */
  updated: number;
  /** Tickets that existed unchanged. */
  unchanged: number;
  /** Lines (or CSV rows) left out, with their reasons below. */
  skipped: number;
  /** The first problems found, in file order (the count above covers all). */
  issues: ImportIssue[];
  /**
   * Each distinct reason lines were skipped for, in the order first met, with how many lines it
   * covers and the first few of them: a file that fails the same way on every line says so once.
   * Absent from the results of older versions.
   */
  reasons?: ImportReason[];
  /** Tickets whose id came up again later in the same file: the later one was kept. */
  repeated: number;
  /** The first of those, at the later line, naming the earlier one. */
  repeats: ImportIssue[];
}
