/**
 * The parts of a ticket `t` that several features read, as SQL, so every feature means the same
 * thing by "the question" or "the human reply": `asked_question` and `answering_reply`
 * (conversation-parts.ts, registered on every connection by db/open.ts) over its thread.
 */

/** A ticket's messages in order, as conversation-parts.ts reads them (helpdesk notices left out). */
const THREAD = `(SELECT json_group_array(json_array(role, public, created_at, body)) FROM
  (SELECT role, public, created_at, body FROM messages WHERE ticket_id = t.id AND role IN ('customer', 'agent', 'bot') ORDER BY created_at, id))`;

/** What the ticket asks: the customer's first burst of messages that says something (`askedQuestion`). */
export const FIRST_QUESTION = `asked_question(${THREAD})`;

/** The team's reply that answers (`answeringReply`). */
export const FIRST_REPLY = `answering_reply(${THREAD})`;

/** The reply that answers from the AI agent's first word on: the correction of a handover. */
export const REPLY_AFTER_BOT = `answering_reply(${THREAD}, (SELECT min(created_at) FROM messages WHERE ticket_id = t.id AND role = 'bot'))`;

/** Everything the AI agent said, in order. */
export const BOT_ATTEMPT = `(SELECT group_concat(body, char(10, 10)) FROM (SELECT body FROM messages WHERE ticket_id = t.id AND role = 'bot' ORDER BY created_at, id))`;

/** What the ticket asks as one line, without the hello and the customer's signature (`questionLine`). */
export const QUESTION_LINE = `question_line(${FIRST_QUESTION})`;

/** A line that names a ticket: its subject, or, without one (a chat), the start of what it asks. */
export const TICKET_LINE = `coalesce(nullif(trim(t.subject), ''), substr(${QUESTION_LINE}, 1, 160))`;
