import { asksBack } from '../text/clean';

/** How long an agent's pause between two messages of one reply lasts at most. */
const REPLY_BURST_MINUTES = 10;

/** A message of a ticket's thread as `answeringReply` reads it, in the order they were sent. */
export interface ThreadMessage {
  role: string;
  /** 0 for an internal note. */
  public: number;
  createdAt: string;
  body: string;
}

/**
 * The team's reply that answers a ticket. A reply is what an agent sends before the customer or
 * the AI agent speaks again: in a chat or on a social channel one answer often comes as several
 * messages a moment apart ("Hi Sam!" / "Cards arrive within 5 working days." / "You can follow
 * it in the app."), and they are one reply. A reply that only asks back or holds ("Which card is
 * it?", "A colleague will get back to you", see `asksBack`) gives way to the next one; a message
 * that does so on its own ends its reply, since the answer comes after it. When no reply answers,
 * the team's last word stands. Internal notes and helpdesk notices are passed over.
 *
 * `from`: only what was said from then on (the AI agent's first word, for the reply that
 * corrects it).
 */
export function answeringReply(thread: ThreadMessage[], from = ''): string | null {
  const replies: string[][] = [];
  let current: string[] | null = null;
  let lastAt = -Infinity;
  for (const m of thread) {
    if (m.createdAt < from) continue;
    if (m.role === 'customer' || m.role === 'bot') current = null;
    if (m.role !== 'agent' || !m.public) continue;
    const at = Date.parse(m.createdAt);
    if (!current || at - lastAt > REPLY_BURST_MINUTES * 60_000) replies.push((current = []));
    current.push(m.body);
    lastAt = at;
    if (asksBack(m.body)) current = null;
  }
  const texts = replies.map((parts) => parts.join('\n'));
  return texts.find((text) => !asksBack(text)) ?? texts.at(-1) ?? null;
}

/** `answeringReply` over a thread as SQL hands it over: a JSON array of [role, public, created_at, body]. */
export function answeringReplyOfJson(thread: string, from: string | null = ''): string | null {
  if (from === null) return null;
  const messages = (JSON.parse(thread) as [string, number, string, string][]).map(([role, isPublic, createdAt, body]) => ({
    role,
    public: isPublic,
    createdAt,
    body,
  }));
  return answeringReply(messages, from);
}
