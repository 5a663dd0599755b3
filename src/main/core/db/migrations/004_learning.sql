-- The learning engine keeps each topic's centre (question and answer) to place new tickets,
-- and marks how each ticket of a topic was used.
ALTER TABLE topics ADD COLUMN question_centroid BLOB;
ALTER TABLE topics ADD COLUMN answer_centroid BLOB;
ALTER TABLE topic_tickets ADD COLUMN role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'outlier', 'account_specific'));
CREATE INDEX drafts_topic ON drafts(topic_id);
