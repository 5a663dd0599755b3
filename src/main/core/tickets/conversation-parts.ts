import { asksBack, cleanQuestion, onlyAnswersBot, onlyCourtesies, saysNothing } from '../text/clean';

/**
 * Which messages of a conversation are its question and which its answer. In a chat, on a
 * social channel or with an AI agent that greets first, one thought often comes as several
 * messages a moment apart ("my card" / "it doesn't work in shops"; "Hi Sam!" / "Cards arrive
 * within 5 working days." / "You can follow it in the app."); they are read as one.
 */

/** How long a pause between two messages of one burst lasts at most. */
const BURST_MINUTES = 10;
/**
 * A question this short ("card problem", "refund") names a subject at most: what the customer
 * tells the AI agent next, before a person replies, is what they ask. The subject is left out: a
 * generic one ("problem", "account question") would make unrelated questions look alike, and it
 * is no way of asking to show in an article.
 */
const TERSE_WORDS = 5;

/** A message as these read it; a thread is a ticket's messages in the order they were sent. */
export interface ThreadMessage {
  role: string;
  /** 0 for an internal note. */
  public: number;
  createdAt: string;
  body: string;
}

const speaksForTeam = (m: ThreadMessage) => m.role === 'bot' || (m.role === 'agent' && m.public === 1);
const withinBurst = (earlier: string, later: string) => Date.parse(later) - Date.parse(earlier) <= BURST_MINUTES * 60_000;

/**
 * What the ticket asks: the customer's first burst that says something ("Hi!" alone says
 * nothing, `saysNothing`), the messages sent before the team or the AI agent speaks and within
 * BURST_MINUTES of the burst's first, joined. The opening burst counts from the customer's first
 * message, a hello included; when it says nothing (a hello the AI agent answered), the burst
 * starts at the first message that says something. With nothing said at all, the first message.
 * When that burst is terse ("card problem") and the AI agent answers it, what the customer tells
 * the AI agent next is the question instead (`toldTheBot`).
 */
export function askedQuestion(thread: ThreadMessage[]): string | null {
  const first = thread.findIndex((m) => m.role === 'customer');
  if (first < 0) return null;
  let question = burstFrom(thread, first);
  if (!question.said.length) {
    const saying = thread.findIndex((m) => m.role === 'customer' && !saysNothing(m.body));
    if (saying < 0) return thread[first]!.body;
    question = burstFrom(thread, saying);
  }
  const told = toldTheBot(thread, question);
  return (told.length ? told : question.said).join('\n');
}

/**
 * The customer's messages that say something from `start` on, until the team or the AI agent
 * speaks or BURST_MINUTES pass, and where the burst ended.
 */
function burstFrom(thread: ThreadMessage[], start: number): { said: string[]; end: number } {
  const said: string[] = [];
  let end = start;
  for (; end < thread.length; end++) {
    const m = thread[end]!;
    if (speaksForTeam(m) || !withinBurst(thread[start]!.createdAt, m.createdAt)) break;
    if (m.role === 'customer' && !saysNothing(m.body)) said.push(m.body);
  }
  return { said, end };
}

const terse = (said: string[]) => cleanQuestion(said.join('\n')).split(/\s+/).length <= TERSE_WORDS;

/**
 * What a terse question ("card problem") goes on to say once the AI agent has spoken: the
 * customer's next burst before a person replies, unless it only answers the AI agent ("yes",
 * "talk to a human", `onlyAnswersBot`).
 */
function toldTheBot(thread: ThreadMessage[], question: { said: string[]; end: number }): string[] {
  if (thread[question.end]?.role !== 'bot' || !terse(question.said)) return [];
  for (let i = question.end + 1; i < thread.length; i++) {
    const m = thread[i]!;
    if (m.role === 'agent' && m.public) return [];
    if (m.role === 'customer' && !onlyAnswersBot(m.body)) return burstFrom(thread, i).said.filter((body) => !onlyAnswersBot(body));
  }
  return [];
}

/**
 * The team's reply that answers a ticket. A reply is what an agent sends before the customer or
 * the AI agent speaks again, each message within BURST_MINUTES of the one before. A reply that
 * only asks back or holds ("Which card is it?", "A colleague will get back to you", see
 * `asksBack`) gives way to the next one; a message that does so on its own ends its reply, since
 * the answer comes after it. A reply that is nothing but courtesies ("Hi Jane, thanks for reaching
 * out!") gives way to a later one that says something. When no reply answers, the team's last
 * word stands. Internal notes, and what the team wrote before the customer first spoke, are
 * passed over.
 *
 * `from`: only what was said from then on (the AI agent's first word, for the reply that
 * corrects it).
 */
export function answeringReply(thread: ThreadMessage[], from = ''): string | null {
  const replies: string[][] = [];
  let current: string[] | null = null;
  let lastAt = '';
  let asked = false;
  for (const m of thread) {
    asked ||= m.role === 'customer';
    // what the team wrote before the customer asked (a ticket it opened) answers nothing
    if (m.createdAt < from || (m.role === 'agent' && (!m.public || !asked))) continue;
    if (m.role !== 'agent') {
      current = null;
      continue;
    }
    if (!current || !withinBurst(lastAt, m.createdAt)) replies.push((current = []));
    current.push(m.body);
    lastAt = m.createdAt;
    if (asksBack(m.body)) current = null;
  }
  const texts = replies.map((parts) => parts.join('\n'));
  let courteous: string | undefined;
  for (const text of texts) {
    if (asksBack(text)) continue;
    if (!onlyCourtesies(text)) return text;
    courteous ??= text;
  }
  return courteous ?? texts.at(-1) ?? null;
}

/** A thread as SQL hands it over: a JSON array of [role, public, created_at, body]. */
export function threadOfJson(json: string): ThreadMessage[] {
  return (JSON.parse(json) as [string, number, string, string][]).map(([role, isPublic, createdAt, body]) => ({
    role,
    public: isPublic,
    createdAt,
    body,
  }));
}
