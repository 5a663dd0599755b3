-- What was embedded, by which model, from which version of the text, and the vector itself
-- (float32, L2-normalized). Each model also has a sqlite-vec table of the vectors' sign bits,
-- rowid = embeddings.id, for a fast first pass over large collections.
CREATE TABLE embeddings (
  id           INTEGER PRIMARY KEY,
  model        TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('question','reply','article')),
  ref_id       INTEGER NOT NULL,            -- a ticket id, or an article id
  chunk        INTEGER NOT NULL DEFAULT 0,  -- article chunks are numbered
  content_hash TEXT NOT NULL,
  vector       BLOB NOT NULL,
  UNIQUE (model, kind, ref_id, chunk)
) STRICT;

CREATE TABLE vector_models (
  model      TEXT PRIMARY KEY,
  dimension  INTEGER NOT NULL,
  vec_table  TEXT NOT NULL UNIQUE,          -- vec_<n>: the sign bits of its vectors
  params     BLOB,                          -- what the embedder needs to be rebuilt (the lexical IDF)
  complete   INTEGER NOT NULL DEFAULT 0,    -- every text embedded at least once
  created_at TEXT NOT NULL
) STRICT;

-- Full text over the knowledge base, beside the tickets' own index.
CREATE VIRTUAL TABLE article_fts USING fts5(
  title,
  body,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
