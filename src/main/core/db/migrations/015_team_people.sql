-- Who is on a shared card: the member it is assigned to, who last changed its text, and the
-- decision that stands (JSON objects with the member's id and name), for the board's tiles.
ALTER TABLE team_cards ADD COLUMN assignee TEXT;
ALTER TABLE team_cards ADD COLUMN edited TEXT;
ALTER TABLE team_cards ADD COLUMN standing TEXT;
