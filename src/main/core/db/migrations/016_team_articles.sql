-- The team's knowledge base: which shared article each local article is, and what both sides
-- last agreed on (a local version above synced_version, or another status, is a change made here).
CREATE TABLE team_articles (
  article_key     TEXT PRIMARY KEY,
  article_id      INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
  synced_version  INTEGER NOT NULL DEFAULT 0,
  synced_status   TEXT NOT NULL DEFAULT 'active' CHECK (synced_status IN ('active','archived')),
  current_at      TEXT NOT NULL DEFAULT '',           -- when the text the article shows now was written
  seen            TEXT NOT NULL DEFAULT '[]',         -- JSON: the shared versions this machine has taken in (or made)
  exports         TEXT NOT NULL DEFAULT '[]',         -- JSON: where members published it, as the team last said
  exported_at     TEXT NOT NULL DEFAULT ''            -- this machine's latest export of it the team has been told of
) STRICT;
-- Changes to the shared document since team_state.doc was last written whole, oldest first: a
-- sync pass appends what changed instead of rewriting a board of thousands of cards.
CREATE TABLE team_updates (
  id      INTEGER PRIMARY KEY,
  changes BLOB NOT NULL                       -- a Yjs update
) STRICT;
