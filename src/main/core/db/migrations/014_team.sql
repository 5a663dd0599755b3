-- Review as a team (a workspace shared through a team server). The shared document is kept
-- here too, so a lead reviews offline and across restarts; it holds only the review layer.
CREATE TABLE team_state (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  doc    BLOB NOT NULL                       -- the Yjs document, as one update
) STRICT;
-- Which shared card each local draft is, and the state both last agreed on: a difference on
-- one side is a change made there.
CREATE TABLE team_cards (
  card_key       TEXT PRIMARY KEY,
  draft_id       INTEGER NOT NULL UNIQUE REFERENCES drafts(id) ON DELETE CASCADE,
  synced_status  TEXT NOT NULL CHECK (synced_status IN ('open','approved','rejected')),
  synced_body    TEXT NOT NULL,
  synced_title   TEXT NOT NULL,
  applied        TEXT,                        -- the shared decision that stood when this draft last followed the team
  decisions      TEXT NOT NULL DEFAULT '[]',  -- JSON: the team's decisions on the card, for its history
  overruled      TEXT NOT NULL DEFAULT '[]'   -- JSON: decisions taken at the same time that gave way
) STRICT;
-- Evidence of cards that came from another member: redacted snippets, no ticket behind them.
CREATE TABLE shared_evidence (
  draft_id     INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  external_id  TEXT NOT NULL,
  link         TEXT,
  question     TEXT NOT NULL,
  answer       TEXT,
  PRIMARY KEY (draft_id, position)
) STRICT;
-- The team server is a destination of its own in the egress log.
CREATE TABLE egress_log_new (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  origin      TEXT NOT NULL,
  method      TEXT NOT NULL,
  path        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('helpdesk','help-center','local-model','cloud-llm','model-download','team-server')),
  purpose     TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('sent','blocked','failed')),
  status      INTEGER,
  bytes_out   INTEGER NOT NULL,
  bytes_in    INTEGER,
  draft_id    INTEGER,
  redactions  TEXT
) STRICT;
INSERT INTO egress_log_new SELECT * FROM egress_log;
DROP TABLE egress_log;
ALTER TABLE egress_log_new RENAME TO egress_log;
CREATE INDEX egress_log_at ON egress_log(at);
