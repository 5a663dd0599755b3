import { createHash } from 'node:crypto';
import type { DashboardFilter } from '../../../shared/domain/metrics';
import type { DB } from '../db/open';

/**
 * A backtest replays every week against the knowledge base (minutes on a large workspace), and
 * the dashboard asks for one each time it opens. The stamp sums up everything the figures are
 * read from — tickets and their questions, tags, truth and topics, articles with their versions
 * and evidence, the stored vectors, the settings (time zone, embedder) — in a few aggregate
 * queries, so a request against unchanged data can be given the last result instead of a rerun.
 * What changes the figures adds or removes rows, or moves a ticket's or an article's time on.
 */
export function backtestStamp(db: DB, filter: DashboardFilter): string {
  const state = db
    .prepare(
      `SELECT
         (SELECT count(*) || ':' || ifnull(max(id), 0) || ':' || ifnull(max(updated_at), '') FROM tickets),
         (SELECT count(*) || ':' || ifnull(max(id), 0) FROM messages),
         (SELECT count(*) FROM ticket_tags),
         (SELECT count(*) FROM ticket_truth),
         (SELECT count(*) || ':' || ifnull(max(id), 0) FROM topics),
         (SELECT count(*) FROM topic_tickets),
         (SELECT count(*) || ':' || ifnull(max(updated_at), '') || ':' || ifnull(sum(status = 'active'), 0) FROM articles),
         (SELECT count(*) || ':' || ifnull(max(id), 0) FROM article_versions),
         (SELECT count(*) || ':' || ifnull(sum(role = 'supporting'), 0) FROM draft_evidence),
         (SELECT count(*) || ':' || ifnull(max(id), 0) FROM embeddings),
         (SELECT group_concat(model || ':' || complete) FROM vector_models),
         (SELECT group_concat(key || '=' || value, char(10)) FROM settings)`,
    )
    .raw()
    .get() as unknown[];
  // the filter's keys in one order, whatever order the request gave them in
  const request = JSON.stringify(Object.entries(filter).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha1').update(request).update('\0').update(JSON.stringify(state)).digest('hex').slice(0, 20);
}
