-- The schema for the whole loop: sources → tickets → handovers/corrections → topics
-- → drafts → articles → exports, plus review events, jobs and settings.
-- Times are ISO-8601 UTC text. JSON columns hold arrays or objects as text.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL                       -- JSON
) STRICT;

CREATE TABLE sources (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('file','demo','zendesk','freshdesk','intercom','gorgias','helpscout','hubspot')),
  name          TEXT NOT NULL,
  config        TEXT NOT NULL DEFAULT '{}', -- JSON, never secrets
  bot_ids       TEXT NOT NULL DEFAULT '[]', -- JSON: author ids or names treated as the AI agent
  enabled       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  last_sync_at  TEXT,
  last_error    TEXT
) STRICT;

CREATE TABLE sync_cursors (
  source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  stream     TEXT NOT NULL,                 -- e.g. 'tickets', 'conversations'
  cursor     TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (source_id, stream)
) STRICT;

CREATE TABLE tickets (
  id              INTEGER PRIMARY KEY,
  source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  external_id     TEXT NOT NULL,
  subject         TEXT,
  status          TEXT,
  channel         TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT,
  solved_at       TEXT,
  tags            TEXT NOT NULL DEFAULT '[]',
  csat            TEXT,
  requester_id    TEXT,
  requester_name  TEXT,
  requester_email TEXT,
  -- derived from the messages at import / sync time (DESIGN §2)
  ai_involved     INTEGER NOT NULL DEFAULT 0,
  handover        INTEGER NOT NULL DEFAULT 0,
  handover_at     TEXT,
  ai_resolved     INTEGER NOT NULL DEFAULT 0,
  unanswered      INTEGER NOT NULL DEFAULT 0,
  reopened        INTEGER NOT NULL DEFAULT 0,
  content_hash    TEXT,
  truth           TEXT,                     -- JSON ground truth (demo, labelled imports)
  ingested_at     TEXT NOT NULL,
  UNIQUE (source_id, external_id)
) STRICT;
CREATE INDEX tickets_created ON tickets(created_at);
CREATE INDEX tickets_handover ON tickets(handover, created_at);

CREATE TABLE messages (
  id          INTEGER PRIMARY KEY,
  ticket_id   INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('customer','agent','bot','system')),
  public      INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL,
  body        TEXT NOT NULL,
  author_id   TEXT,
  author_name TEXT,
  UNIQUE (ticket_id, external_id)
) STRICT;
CREATE INDEX messages_ticket ON messages(ticket_id, created_at);

CREATE TABLE topics (
  id              INTEGER PRIMARY KEY,
  origin          TEXT NOT NULL CHECK (origin IN ('correction','backfill')),
  label           TEXT NOT NULL,
  representative  TEXT NOT NULL,            -- a representative question
  size            INTEGER NOT NULL DEFAULT 0,
  suppressed_at   TEXT,                     -- set when the lead rejected it; new evidence clears it
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE corrections (
  id           INTEGER PRIMARY KEY,
  ticket_id    INTEGER NOT NULL UNIQUE REFERENCES tickets(id) ON DELETE CASCADE,
  topic_id     INTEGER REFERENCES topics(id) ON DELETE SET NULL,
  question     TEXT NOT NULL,
  bot_mode     TEXT NOT NULL CHECK (bot_mode IN ('direct','note','none')),
  bot_attempt  TEXT,
  human_reply  TEXT NOT NULL,
  delta_kind   TEXT NOT NULL CHECK (delta_kind IN ('no_answer','wrong_answer','incomplete_answer','policy_escalation','account_specific')),
  delta        TEXT,                        -- JSON: what the human added or changed
  outlier      INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX corrections_topic ON corrections(topic_id);

CREATE TABLE topic_tickets (
  topic_id   INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  ticket_id  INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  similarity REAL,
  PRIMARY KEY (topic_id, ticket_id)
) STRICT;
CREATE INDEX topic_tickets_ticket ON topic_tickets(ticket_id);

CREATE TABLE articles (
  id                 INTEGER PRIMARY KEY,
  topic_id           INTEGER REFERENCES topics(id) ON DELETE SET NULL,
  title              TEXT NOT NULL,
  status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','archived')),
  current_version    INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE article_versions (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  version     INTEGER NOT NULL,
  title       TEXT NOT NULL,
  body_md     TEXT NOT NULL,
  draft_id    INTEGER,                      -- the draft it came from, if any
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (article_id, version)
) STRICT;

CREATE TABLE drafts (
  id               INTEGER PRIMARY KEY,
  topic_id         INTEGER REFERENCES topics(id) ON DELETE SET NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('new','update','stale','conflict')),
  status           TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested','in_review','approved','published','rejected')),
  title            TEXT NOT NULL,
  body_md          TEXT NOT NULL,
  article_id       INTEGER REFERENCES articles(id) ON DELETE SET NULL,  -- for update / stale drafts
  base_version     INTEGER,                 -- the article version the diff is against
  drafter          TEXT NOT NULL,           -- 'extractive', 'ollama:<model>', 'openai:<model>'
  redaction_notes  TEXT NOT NULL DEFAULT '[]',
  labels           TEXT NOT NULL DEFAULT '[]',
  reject_reason    TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  approved_at      TEXT
) STRICT;
CREATE INDEX drafts_status ON drafts(status, created_at);

CREATE TABLE draft_evidence (
  draft_id      INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  ticket_id     INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  correction_id INTEGER REFERENCES corrections(id) ON DELETE SET NULL,
  role          TEXT NOT NULL DEFAULT 'supporting' CHECK (role IN ('supporting','outlier','conflicting')),
  PRIMARY KEY (draft_id, ticket_id)
) STRICT;

CREATE TABLE review_events (
  id          INTEGER PRIMARY KEY,
  draft_id    INTEGER REFERENCES drafts(id) ON DELETE CASCADE,
  article_id  INTEGER REFERENCES articles(id) ON DELETE CASCADE,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  before      TEXT,                         -- JSON
  after       TEXT,                         -- JSON
  reason      TEXT,
  at          TEXT NOT NULL
) STRICT;
CREATE INDEX review_events_draft ON review_events(draft_id, at);
CREATE INDEX review_events_article ON review_events(article_id, at);

CREATE TABLE exports (
  id               INTEGER PRIMARY KEY,
  article_id       INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  target           TEXT NOT NULL,           -- 'markdown', 'zendesk_guide', ...
  external_id      TEXT,
  external_url     TEXT,
  exported_version INTEGER,
  remote_hash      TEXT,                    -- to notice edits made in the help center
  status           TEXT NOT NULL CHECK (status IN ('pending','done','failed')),
  error            TEXT,
  exported_at      TEXT,
  UNIQUE (article_id, target)
) STRICT;

CREATE TABLE jobs (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('queued','running','done','failed','cancelled','interrupted')),
  params       TEXT NOT NULL DEFAULT '{}',  -- JSON
  checkpoint   TEXT,                        -- JSON, written with the work it covers
  done         INTEGER NOT NULL DEFAULT 0,
  total        INTEGER,
  message      TEXT,
  error        TEXT,
  resumable    INTEGER NOT NULL DEFAULT 0,
  attempts     INTEGER NOT NULL DEFAULT 0,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  started_at   TEXT,
  finished_at  TEXT
) STRICT;
CREATE INDEX jobs_status ON jobs(status);
