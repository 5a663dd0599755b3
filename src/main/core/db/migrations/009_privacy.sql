-- Every request the engine sent out of the machine (or refused to send), with why: which
-- helpdesk, help center or model server, how many bytes, for an LLM call which draft and
-- what redaction removed first. Never request bodies, never secrets.
CREATE TABLE egress_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  origin      TEXT NOT NULL,              -- scheme://host:port
  method      TEXT NOT NULL,
  path        TEXT NOT NULL,              -- without the query string
  role        TEXT NOT NULL CHECK (role IN ('helpdesk','help-center','local-model','cloud-llm','model-download')),
  purpose     TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('sent','blocked','failed')),
  status      INTEGER,
  bytes_out   INTEGER NOT NULL,
  bytes_in    INTEGER,                    -- from Content-Length, when the server says
  draft_id    INTEGER,
  redactions  TEXT                        -- JSON {kind: count} removed before an LLM call
) STRICT;
CREATE INDEX egress_log_at ON egress_log(at);
