import type { DB } from '../db/open';

/**
 * Deletes the tickets a condition picks, with what was indexed from them: full-text rows and
 * vectors (which no foreign key reaches), then the tickets, whose messages, handovers,
 * corrections and evidence rows go with them. Call it inside the caller's transaction.
 */
export function deleteTicketsWhere(db: DB, where: string, params: unknown[]): number {
  const ids = `SELECT id FROM tickets WHERE ${where}`;
  db.prepare(`DELETE FROM ticket_fts WHERE rowid IN (${ids})`).run(...params);
  for (const v of db.prepare('SELECT model, vec_table FROM vector_models').all() as { model: string; vec_table: string }[]) {
    db.prepare(
      `DELETE FROM ${v.vec_table} WHERE rowid IN (SELECT id FROM embeddings WHERE model = ? AND kind IN ('question','reply') AND ref_id IN (${ids}))`,
    ).run(v.model, ...params);
  }
  db.prepare(`DELETE FROM embeddings WHERE kind IN ('question','reply') AND ref_id IN (${ids})`).run(...params);
  return db.prepare(`DELETE FROM tickets WHERE ${where}`).run(...params).changes;
}
