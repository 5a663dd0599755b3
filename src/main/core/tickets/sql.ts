/**
 * The parts of a ticket `t` that several features read, as SQL subqueries, so every feature
 * means the same thing by "the question" or "the human reply".
 */

/** The first customer message: what the ticket asks. */
export const FIRST_QUESTION = `(SELECT body FROM messages WHERE ticket_id = t.id AND role = 'customer' ORDER BY created_at, id LIMIT 1)`;

/** The first public human reply. */
export const FIRST_REPLY = `(SELECT body FROM messages WHERE ticket_id = t.id AND role = 'agent' AND public = 1 ORDER BY created_at, id LIMIT 1)`;

/** The first public human reply after the AI agent spoke: the correction of a handover. */
export const REPLY_AFTER_BOT = `(SELECT m.body FROM messages m WHERE m.ticket_id = t.id AND m.role = 'agent' AND m.public = 1
  AND m.created_at >= (SELECT min(created_at) FROM messages WHERE ticket_id = t.id AND role = 'bot')
  ORDER BY m.created_at, m.id LIMIT 1)`;

/** Everything the AI agent said, in order. */
export const BOT_ATTEMPT = `(SELECT group_concat(body, char(10, 10)) FROM (SELECT body FROM messages WHERE ticket_id = t.id AND role = 'bot' ORDER BY created_at, id))`;
