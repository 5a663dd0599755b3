import type Database from 'better-sqlite3';

/**
 * Runs `work` in one write transaction, taking the write lock first (BEGIN IMMEDIATE): a
 * transaction that reads and then writes would otherwise fail at once, not wait, when a job
 * on another connection wrote in between.
 */
export function inTransaction<T>(db: Database.Database, work: () => T): T {
  return db.transaction(work).immediate();
}
