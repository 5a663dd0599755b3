import type { DB } from '../db/open';

/**
 * Whether a card's answer is the lead's to write: it was started for a question its tickets never
 * answered alike (Write the answer), or split from such a card. Its tickets hold no agreed answer,
 * so it is never drafted from them, before the lead writes the answer or after: a drafter would
 * write one of their stock lines up as the answer.
 */
export function answerToWrite(db: DB, draftId: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM review_events WHERE draft_id = ? AND action IN ('start', 'split') AND json_extract(after, '$.answered') = 0 LIMIT 1`,
      )
      .get(draftId) !== undefined
  );
}
