import type { MessageRole, TicketFlags } from '../../../shared/domain/ticket';
import { isAutoNotice, isMergedAway, isMergeNote } from '../text/clean';
import type { MessageInput, VendorSignals } from './format';

const REOPEN_WINDOW_MS = 7 * 24 * 3600 * 1000;

/**
 * Phrases of a bot that could not answer: fallbacks, "I don't know", offers to hand over.
 * English, German, French and Spanish, the languages of the demo and of most exports seen.
 */
const FALLBACK_PATTERNS: RegExp[] = [
  /\b(i'?m|i am) (not sure|unable|afraid i (can'?t|cannot|don'?t))/i,
  /\bi (don'?t|do not) (know|have (an answer|that information|information))/i,
  /\bi (couldn'?t|could not|can'?t|cannot) (find|help with|answer)/i,
  /\b(let me|i'?ll|i will) (connect|transfer|pass|hand) (you|this)/i,
  /\b(a|one of our) (human|team member|support agent|colleague)s? (will|can) (help|get back|take)/i,
  /\bsorry,? i (didn'?t|did not) (understand|catch)/i,
  /\bno confident answer\b/i,
  /\bich bin mir nicht sicher|\bich kann (dazu|ihnen dabei) leider nicht|\bein(e)? kolleg(e|in) (wird|meldet)/i,
  /\bje ne suis pas s[uû]r|\bje ne peux pas r[ée]pondre|\bun conseiller (va|vous)/i,
  /\bno estoy segur[oa]|\bno puedo (responder|ayudar)|\bun agente (te|le) (contactar|ayudar)/i,
];

export function isFallback(text: string): boolean {
  const plain = text.replace(/[\u2018\u2019]/g, "'"); // typographic apostrophes
  return FALLBACK_PATTERNS.some((p) => p.test(plain));
}

/** A reply this soon after the message before it came from a machine: a rule, an operator, an AI agent. */
export const INSTANT_MS = 60_000;

/**
 * The role a message is kept under: an automatic notice from the team's side (an auto-reply rule
 * writing in an agent's name, a chat's operator in the AI agent's: `isAutoNotice`) is the
 * helpdesk's own, so it neither counts as the AI agent at work nor as a person's reply. In an
 * agent's name it must also come at once (within INSTANT_MS of the message before it, `previousAt`):
 * a person's "We have received your request and cancelled your subscription" an hour later is
 * their answer. A bot's "I couldn't find that; a colleague will reply soon" is its fallback and
 * stays its own. The note a merge leaves in both tickets (`isMergeNote`) is the helpdesk's own
 * whenever it comes.
 */
export function keptRole(message: { role: MessageRole; body: string; createdAt: string }, previousAt: string | null): MessageRole {
  if (message.role !== 'agent' && message.role !== 'bot') return message.role;
  if (isMergeNote(message.body)) return 'system';
  if (!isAutoNotice(message.body) || isFallback(message.body)) return message.role;
  const atOnce = previousAt !== null && Date.parse(message.createdAt) - Date.parse(previousAt) <= INSTANT_MS;
  return message.role === 'bot' || atOnce ? 'system' : message.role;
}

/** A ticket's messages, in their given order, each with the role it is kept under (`keptRole`). */
export function withKeptRoles<M extends { role: MessageRole; body: string; createdAt: string }>(messages: M[]): M[] {
  const inTime = messages.map((m, i) => ({ m, i })).sort((a, b) => a.m.createdAt.localeCompare(b.m.createdAt) || a.i - b.i);
  const previousAt = new Array<string | null>(messages.length);
  inTime.forEach(({ i }, k) => (previousAt[i] = k > 0 ? inTime[k - 1]!.m.createdAt : null));
  return messages.map((m, i) => ({ ...m, role: keptRole(m, previousAt[i] ?? null) }));
}

export interface DeriveInput {
  status: string | null;
  solvedAt: string | null;
  reopenedAt: string | null;
  messages: Pick<MessageInput, 'role' | 'public' | 'createdAt' | 'body'>[];
  signals?: VendorSignals;
}

/** Statuses that say a ticket is done, as helpdesks and their exports name them (lowercased on the way in). */
const SOLVED = new Set(['solved', 'closed', 'resolved', 'done', 'completed', 'archived']);

/**
 * Whether a ticket is solved. Its status says so; a ticket without one (an export that leaves
 * statuses out) is solved once it has a solved date, or when the team had the last word: a
 * person's reply, or the AI agent's answer that was no fallback, with no customer message after.
 */
function isSolved(status: string | null, solvedAt: string | null, inTime: DeriveInput['messages']): boolean {
  if (status !== null) return SOLVED.has(status);
  if (solvedAt !== null) return true;
  const last = inTime.findLast((m) => m.public && m.role !== 'system');
  return last?.role === 'agent' || (last?.role === 'bot' && !isFallback(last.body));
}

/**
 * Solved, AI-involved, handover, AI-resolved, unanswered and reopened, exactly as DESIGN §2 words
 * them. Messages are taken in time order (ties keep their given order).
 */
export function deriveFlags(ticket: DeriveInput): TicketFlags {
  const messages = ticket.messages
    .map((m, i) => ({ m, i }))
    .sort((a, b) => (a.m.createdAt < b.m.createdAt ? -1 : a.m.createdAt > b.m.createdAt ? 1 : a.i - b.i))
    .map(({ m }) => m);
  const firstBot = messages.findIndex((m) => m.role === 'bot');
  const aiInvolved = firstBot >= 0 || ticket.signals?.aiInvolved === true;
  // with no bot message to go by, the helpdesk's own mark says the AI had the ticket first
  const humanAfterBot = aiInvolved ? messages.slice(firstBot + 1).find((m) => m.role === 'agent' && m.public) : undefined;
  // a reply comes after the customer spoke: what a person wrote to open the ticket answers nothing
  const firstAsked = messages.findIndex((m) => m.role === 'customer');
  const humanReplied = firstAsked >= 0 && messages.slice(firstAsked + 1).some((m) => m.role === 'agent' && m.public);
  const handover = humanAfterBot !== undefined || (aiInvolved && ticket.signals?.handover === true);

  const solvedAt = ticket.solvedAt ? Date.parse(ticket.solvedAt) : null;
  const reopenedAt = ticket.reopenedAt ? Date.parse(ticket.reopenedAt) : null;
  const customerAfterSolve = solvedAt !== null && messages.some((m) => m.role === 'customer' && Date.parse(m.createdAt) > solvedAt);
  const reopened = reopenedAt !== null || customerAfterSolve;
  const reopenedWithinWindow =
    (reopenedAt !== null && (solvedAt === null || Math.abs(reopenedAt - solvedAt) <= REOPEN_WINDOW_MS)) ||
    (solvedAt !== null &&
      messages.some(
        (m) => m.role === 'customer' && Date.parse(m.createdAt) > solvedAt && Date.parse(m.createdAt) - solvedAt <= REOPEN_WINDOW_MS,
      ));

  const solved = isSolved(ticket.status, ticket.solvedAt, messages);
  // a ticket closed by merging it into another is a duplicate: its question is resolved, or not, over there
  const mergedAway = messages.some((m) => m.role === 'system' && isMergedAway(m.body));
  const aiResolved = aiInvolved && solved && !humanReplied && !reopenedWithinWindow && !mergedAway;
  const botAnswers = messages.filter((m) => m.role === 'bot' && m.body.trim().length > 0);
  const unanswered = handover && botAnswers.every((m) => isFallback(m.body));

  return {
    solved,
    aiInvolved,
    handover,
    handoverAt: humanAfterBot?.createdAt ?? (handover ? (messages.at(-1)?.createdAt ?? null) : null),
    aiResolved,
    unanswered,
    reopened,
  };
}

/** The flags as the tickets table stores them. */
export interface FlagColumns {
  solved: number;
  ai_involved: number;
  handover: number;
  handover_at: string | null;
  ai_resolved: number;
  unanswered: number;
  reopened: number;
}

/** Writes a ticket's flags (`flagValues`, then its id). */
export const SET_FLAGS =
  'UPDATE tickets SET solved = ?, ai_involved = ?, handover = ?, handover_at = ?, ai_resolved = ?, unanswered = ?, reopened = ? WHERE id = ?';

/** The flags in the order of FlagColumns. */
export function flagValues(f: TicketFlags): (number | string | null)[] {
  return [
    f.solved ? 1 : 0,
    f.aiInvolved ? 1 : 0,
    f.handover ? 1 : 0,
    f.handoverAt,
    f.aiResolved ? 1 : 0,
    f.unanswered ? 1 : 0,
    f.reopened ? 1 : 0,
  ];
}

export const storedFlagValues = (t: FlagColumns): (number | string | null)[] => [
  t.solved,
  t.ai_involved,
  t.handover,
  t.handover_at,
  t.ai_resolved,
  t.unanswered,
  t.reopened,
];
