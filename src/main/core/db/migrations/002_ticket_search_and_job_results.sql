-- Full-text search over each ticket (subject + every message), kept in step by the ticket store.
CREATE VIRTUAL TABLE ticket_fts USING fts5(
  subject,
  body,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Tags one per row, so the browser filters and counts them by index.
CREATE TABLE ticket_tags (
  tag       TEXT NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  PRIMARY KEY (tag, ticket_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ticket_tags_ticket ON ticket_tags(ticket_id);

-- Ground truth of labelled data (the demo) lives beside the tickets, keeping ticket rows small.
CREATE TABLE ticket_truth (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
  truth     TEXT NOT NULL
) STRICT;
ALTER TABLE tickets DROP COLUMN truth;

-- Counting the four flags reads this index alone.
CREATE INDEX tickets_flags ON tickets(ai_involved, handover, ai_resolved, unanswered);
CREATE INDEX tickets_source ON tickets(source_id);
CREATE INDEX tickets_status ON tickets(status);

-- A finished job's structured outcome (an import's summary and the lines it skipped).
ALTER TABLE jobs ADD COLUMN result TEXT;
