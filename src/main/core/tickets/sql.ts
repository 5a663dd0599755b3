/**
 * The parts of a ticket `t` that several features read, as SQL subqueries, so every feature
 * means the same thing by "the question" or "the human reply". `says_nothing` (text/clean.ts) and
 * `answering_reply` (answering-reply.ts) are registered on every connection by db/open.ts.
 */

/** How long a customer's opening burst of chat messages lasts at most. */
const BURST_MINUTES = 10;

/**
 * What the ticket asks: the customer's opening burst, the messages that say something ("Hi!"
 * alone says nothing, `says_nothing`) sent before the team or the AI agent first replied and
 * within BURST_MINUTES of the first ("my card" / "it doesn't work" in a chat), joined; else the
 * first customer message that says something.
 */
export const FIRST_QUESTION = `coalesce(
  (SELECT group_concat(body, char(10)) FROM (SELECT m.body FROM messages m WHERE m.ticket_id = t.id AND m.role = 'customer' AND says_nothing(m.body) = 0
    AND m.created_at < coalesce((SELECT min(created_at) FROM messages WHERE ticket_id = t.id AND role IN ('agent', 'bot')), '~')
    AND julianday(m.created_at) < julianday((SELECT min(created_at) FROM messages WHERE ticket_id = t.id AND role = 'customer')) + ${BURST_MINUTES} / 1440.0
    ORDER BY m.created_at, m.id)),
  (SELECT body FROM messages WHERE ticket_id = t.id AND role = 'customer' ORDER BY says_nothing(body), created_at, id LIMIT 1))`;

/** A ticket's messages in order, as `answering_reply` reads them (tickets/answering-reply.ts). */
const THREAD = `(SELECT json_group_array(json_array(role, public, created_at, body)) FROM
  (SELECT role, public, created_at, body FROM messages WHERE ticket_id = t.id AND role IN ('customer', 'agent', 'bot') ORDER BY created_at, id))`;

/**
 * The team's reply that answers: an agent's messages up to the next word of the customer or the
 * AI agent are one reply; one that only asks back or holds gives way to the next; when none
 * answers, the team's last word stands (`answeringReply`, registered on every connection).
 */
export const FIRST_REPLY = `answering_reply(${THREAD})`;

/** The reply that answers from the AI agent's first word on (as FIRST_REPLY): the correction of a handover. */
export const REPLY_AFTER_BOT = `answering_reply(${THREAD}, (SELECT min(created_at) FROM messages WHERE ticket_id = t.id AND role = 'bot'))`;

/** Everything the AI agent said, in order. */
export const BOT_ATTEMPT = `(SELECT group_concat(body, char(10, 10)) FROM (SELECT body FROM messages WHERE ticket_id = t.id AND role = 'bot' ORDER BY created_at, id))`;
