-- The learning engine measures how alike two unrelated support texts are with a fixed set of
-- reference texts, embedded once per model: a workspace with few topics cannot tell that itself.
-- Topics no longer keep centroids: a topic is compared by its tickets' own vectors.
CREATE TABLE reference_vectors (
  model   TEXT NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('question','reply')),
  idx     INTEGER NOT NULL,
  vector  BLOB NOT NULL,
  PRIMARY KEY (model, kind, idx)
) STRICT;
UPDATE topics SET question_centroid = NULL, answer_centroid = NULL;
