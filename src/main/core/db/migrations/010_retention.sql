-- When old tickets are deleted for retention, the evidence behind approved articles stays:
-- the question, the AI's attempt and the human reply, with personal details removed, and no
-- link back to a customer.
CREATE TABLE archived_evidence (
  id           INTEGER PRIMARY KEY,
  draft_id     INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  role         TEXT NOT NULL CHECK (role IN ('supporting','outlier','conflicting')),
  created_at   TEXT NOT NULL,             -- when the ticket was
  question     TEXT NOT NULL,
  bot_attempt  TEXT,
  human_reply  TEXT,
  delta_kind   TEXT,
  archived_at  TEXT NOT NULL
) STRICT;
CREATE INDEX archived_evidence_draft ON archived_evidence(draft_id);
