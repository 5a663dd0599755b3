-- Full-text search over each ticket (subject + every message), kept in step by the ticket store.
CREATE VIRTUAL TABLE ticket_fts USING fts5(
  subject,
  body,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- A finished job's structured outcome (an import's summary and the lines it skipped).
ALTER TABLE jobs ADD COLUMN result TEXT;

CREATE INDEX tickets_source ON tickets(source_id);
CREATE INDEX tickets_status ON tickets(status);
