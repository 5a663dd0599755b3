-- Solved, derived with the other flags (DESIGN §2): the status says so, or, for a ticket without
-- a status, a solved date or the team's last word. Learning from past tickets reads it.
ALTER TABLE tickets ADD COLUMN solved INTEGER NOT NULL DEFAULT 0;
UPDATE tickets SET solved = 1
 WHERE status IN ('solved', 'closed', 'resolved', 'done', 'completed', 'archived')
    OR (status IS NULL AND (solved_at IS NOT NULL OR (
         SELECT m.role FROM messages m WHERE m.ticket_id = tickets.id AND m.public = 1 AND m.role <> 'system'
          ORDER BY m.created_at DESC, m.id DESC LIMIT 1) IN ('agent', 'bot')));
