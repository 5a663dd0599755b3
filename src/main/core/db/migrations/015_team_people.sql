-- Who is on a shared card: the member it is assigned to, who last changed its text, and the
-- decision that stands (JSON objects with the member's id and name), for the board's tiles.
ALTER TABLE team_cards ADD COLUMN assignee TEXT;
ALTER TABLE team_cards ADD COLUMN edited TEXT;
ALTER TABLE team_cards ADD COLUMN standing TEXT;
-- Whether the local card was Published when both sides last agreed (a card published here is then marked on the board).
ALTER TABLE team_cards ADD COLUMN published INTEGER NOT NULL DEFAULT 0;
-- The labels both sides last agreed on (JSON, sorted): members label cards for each other.
ALTER TABLE team_cards ADD COLUMN synced_labels TEXT NOT NULL DEFAULT '[]';
