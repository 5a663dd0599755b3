-- Each ticket's evidence as drafters see it (cleaned, personal details removed), kept so a
-- learning run prepares only the tickets that are new or changed. `fingerprint` hashes the raw
-- text, the names and the redaction rules it was prepared with: any change prepares it again.
-- Derived data only: it goes with its ticket.
CREATE TABLE prepared_evidence (
  ticket_id    INTEGER PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
  fingerprint  TEXT NOT NULL,
  subject      TEXT,
  question     TEXT NOT NULL,
  answer       TEXT NOT NULL,
  redacted     TEXT NOT NULL              -- JSON {kind: count}
) STRICT;
