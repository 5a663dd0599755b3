-- What a ticket's flags and its messages' roles are derived from (DESIGN §2), kept as given, so a
-- version of Tideline that derives them differently reads every ticket again on opening, without
-- the helpdesk or the export: each message's role as the source gave it, and the reopen date and
-- helpdesk marks of the ticket.
ALTER TABLE messages ADD COLUMN given_role TEXT CHECK (given_role IN ('customer','agent','bot','system'));
ALTER TABLE tickets ADD COLUMN reopened_at TEXT;
ALTER TABLE tickets ADD COLUMN signals TEXT NOT NULL DEFAULT '{}';

-- Stored before, a ticket kept only what was derived. The roles it kept stand for the given ones.
UPDATE messages SET given_role = role;
-- A helpdesk mark shows where no message explains a flag: AI-involved without a bot message, a
-- handover without a person's reply after the AI agent.
UPDATE tickets SET signals = json_object(
  'aiInvolved', json(CASE WHEN ai_involved = 1
    AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = tickets.id AND m.role = 'bot') THEN 'true' ELSE 'false' END),
  'handover', json(CASE WHEN handover = 1
    AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = tickets.id AND m.role = 'agent' AND m.public = 1
      AND m.created_at > ifnull((SELECT min(b.created_at) FROM messages b WHERE b.ticket_id = tickets.id AND b.role = 'bot'), ''))
    THEN 'true' ELSE 'false' END))
 WHERE ai_involved = 1;
-- A reopen no customer message explains had a date. Only whether it fell within the week after
-- solving is known (an AI-resolved ticket's did not): a date on the same side stands in.
UPDATE tickets SET reopened_at = CASE WHEN ai_resolved = 1 THEN strftime('%Y-%m-%dT%H:%M:%fZ', solved_at, '+30 days')
                                      ELSE coalesce(solved_at, created_at) END
 WHERE reopened = 1
   AND NOT (solved_at IS NOT NULL AND EXISTS (
     SELECT 1 FROM messages m WHERE m.ticket_id = tickets.id AND m.role = 'customer' AND m.created_at > tickets.solved_at));
