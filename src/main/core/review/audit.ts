import { randomUUID } from 'node:crypto';
import type { ReviewEvent } from '../../../shared/domain/draft';
import type { DB } from '../db/open';
import { nowIso } from '../db/open';

export interface AuditEntry {
  draftId?: number | null;
  articleId?: number | null;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
}

/** One review action: its audit rows share a batch id, which is what undo reverses. */
export class Batch {
  readonly id = randomUUID();
  constructor(
    private readonly db: DB,
    readonly actor: string,
  ) {}

  record(e: AuditEntry): void {
    this.db
      .prepare(
        'INSERT INTO review_events (draft_id, article_id, actor, action, before, after, reason, at, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        e.draftId ?? null,
        e.articleId ?? null,
        this.actor,
        e.action,
        e.before ? JSON.stringify(e.before) : null,
        e.after ? JSON.stringify(e.after) : null,
        e.reason ?? null,
        nowIso(),
        this.id,
      );
  }
}

interface EventRow {
  id: number;
  batch: string | null;
  draft_id: number | null;
  article_id: number | null;
  actor: string;
  action: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  at: string;
  undone_at: string | null;
}

export function toEvent(r: EventRow): ReviewEvent {
  return {
    id: r.id,
    batch: r.batch,
    draftId: r.draft_id,
    articleId: r.article_id,
    actor: r.actor,
    action: r.action,
    before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null,
    after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
    reason: r.reason,
    at: r.at,
    undone: r.undone_at !== null,
  };
}

/** The audit trail of a card or of an article, oldest first. */
export function historyOf(db: DB, where: { draftId: number } | { articleId: number }): ReviewEvent[] {
  const [column, id] = 'draftId' in where ? ['draft_id', where.draftId] : ['article_id', where.articleId];
  return (db.prepare(`SELECT * FROM review_events WHERE ${column} = ? ORDER BY id`).all(id) as EventRow[]).map(toEvent);
}

export function batchEvents(db: DB, batch: string): ReviewEvent[] {
  return (db.prepare('SELECT * FROM review_events WHERE batch = ? ORDER BY id').all(batch) as EventRow[]).map(toEvent);
}

/** The newest batch that has not been undone. */
export function lastBatch(db: DB): string | null {
  return (
    (db
      .prepare(
        `SELECT batch FROM review_events WHERE batch IS NOT NULL AND undone_at IS NULL AND action != 'undo' ORDER BY id DESC LIMIT 1`,
      )
      .pluck()
      .get() as string | undefined) ?? null
  );
}
