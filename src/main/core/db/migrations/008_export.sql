-- Export of approved articles: the places they go (files or a help center) and, per article
-- and place, its external id, what was sent and what the help center held after, so a
-- second export updates instead of duplicating and an edit made over there is noticed.

-- Each article version carries its tags (the draft's labels), which exports send along.
ALTER TABLE article_versions ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
UPDATE article_versions SET tags = (SELECT d.labels FROM drafts d WHERE d.id = article_versions.draft_id)
  WHERE draft_id IS NOT NULL AND EXISTS (SELECT 1 FROM drafts d WHERE d.id = article_versions.draft_id);

CREATE TABLE export_targets (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('markdown','html','json','zendesk','intercom','freshdesk','helpscout')),
  name        TEXT NOT NULL,
  config      TEXT NOT NULL DEFAULT '{}',   -- JSON, never secrets
  base_url    TEXT,
  is_default  INTEGER NOT NULL DEFAULT 0,   -- where the board's Publish sends cards
  created_at  TEXT NOT NULL
) STRICT;

-- Unused so far; replaced by one row per article and target.
DROP TABLE exports;
CREATE TABLE exports (
  id               INTEGER PRIMARY KEY,
  article_id       INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  target_id        INTEGER NOT NULL REFERENCES export_targets(id) ON DELETE CASCADE,
  status           TEXT NOT NULL CHECK (status IN ('pending','done','failed','conflict')),
  external_id      TEXT,
  external_url     TEXT,
  exported_version INTEGER,
  remote_hash      TEXT,                    -- the help center's title and body right after our last write
  overwrite        INTEGER NOT NULL DEFAULT 0, -- the lead saw the help center's edit and said overwrite
  draft_id         INTEGER REFERENCES drafts(id) ON DELETE SET NULL, -- a board card to move to Published
  create_started   INTEGER NOT NULL DEFAULT 0, -- a create was sent; if the app stopped before its answer was stored, look for it first
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT,
  error            TEXT,
  remote_title     TEXT,                    -- for a conflict: what the help center holds now
  remote_body      TEXT,
  remote_hash_seen TEXT,                    -- and its fingerprint, kept if the lead leaves it in place
  exported_at      TEXT,
  updated_at       TEXT NOT NULL,
  UNIQUE (article_id, target_id)
) STRICT;
CREATE INDEX exports_queue ON exports(target_id, status, next_attempt_at);
CREATE INDEX exports_draft ON exports(draft_id);
