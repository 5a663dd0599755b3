-- The review board: a draft merged into another keeps a pointer to it; every review action is
-- a batch of audit rows that can be undone together.
ALTER TABLE drafts ADD COLUMN merged_into INTEGER REFERENCES drafts(id) ON DELETE SET NULL;
ALTER TABLE review_events ADD COLUMN batch TEXT;
ALTER TABLE review_events ADD COLUMN undone_at TEXT;
CREATE INDEX review_events_batch ON review_events(batch);
CREATE INDEX drafts_merged_into ON drafts(merged_into);
