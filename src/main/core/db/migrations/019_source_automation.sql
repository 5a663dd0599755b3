-- Authors a helpdesk marks as its bot that are its own automation, not the AI agent (a rules bot
-- such as Intercom's Operator): the lead lists them, and their messages are the helpdesk's own.
ALTER TABLE sources ADD COLUMN automation_ids TEXT NOT NULL DEFAULT '[]';
