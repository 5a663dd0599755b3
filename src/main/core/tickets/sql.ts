/**
 * The parts of a ticket `t` that several features read, as SQL subqueries, so every feature
 * means the same thing by "the question" or "the human reply". `says_nothing` and `asks_back`
 * are the functions of text/clean.ts, registered on every connection by db/open.ts.
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

/**
 * How replies `m` are read for the one that answers: a reply that only asks back ("Which card is it?")
 * or holds ("A colleague will get back to you") gives way to the next one (`asks_back`); when none
 * answers, the team's last word stands.
 */
const ANSWERING_FIRST = `ORDER BY asks_back(m.body), CASE WHEN asks_back(m.body) THEN -julianday(m.created_at) ELSE julianday(m.created_at) END, m.id`;

/** The first public human reply that answers (see ANSWERING_FIRST). */
export const FIRST_REPLY = `(SELECT m.body FROM messages m WHERE m.ticket_id = t.id AND m.role = 'agent' AND m.public = 1 ${ANSWERING_FIRST} LIMIT 1)`;

/** The first public human reply after the AI agent spoke that answers (as FIRST_REPLY): the correction of a handover. */
export const REPLY_AFTER_BOT = `(SELECT m.body FROM messages m WHERE m.ticket_id = t.id AND m.role = 'agent' AND m.public = 1
  AND m.created_at >= (SELECT min(created_at) FROM messages WHERE ticket_id = t.id AND role = 'bot')
  ${ANSWERING_FIRST} LIMIT 1)`;

/** Everything the AI agent said, in order. */
export const BOT_ATTEMPT = `(SELECT group_concat(body, char(10, 10)) FROM (SELECT body FROM messages WHERE ticket_id = t.id AND role = 'bot' ORDER BY created_at, id))`;
