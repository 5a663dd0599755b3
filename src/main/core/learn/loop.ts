import { inTransaction } from '../db/transaction';
import type { JobKindSpec } from '../jobs/context';
import { getSetting } from '../system/settings';
import { recordCorrections } from './corrections';
import { drafterFor } from './drafter';
import { learnTopics } from './topics';

export const DEFAULT_REPEAT_THRESHOLD = 3;

/**
 * The continuous loop, after every import or sync: each new handover becomes a correction;
 * corrections that say the same thing form topics; a topic with the same answer from at least
 * the repeat threshold of distinct tickets and customers becomes a draft.
 */
export const learnLoopJob: JobKindSpec<Record<string, never>, never> = {
  title: 'Learn from new handovers',
  resumable: false,
  async run(ctx) {
    const db = ctx.db;
    const threshold = getSetting(db, 'learning.repeatThreshold', DEFAULT_REPEAT_THRESHOLD);
    ctx.progress(0, 100, 'Reading new handovers');
    const added = inTransaction(db, () => recordCorrections(db));
    // casework is not knowledge, and an AI answer that was right but escalated by policy teaches nothing new
    const ids = db
      .prepare(`SELECT ticket_id FROM corrections WHERE delta_kind NOT IN ('account_specific', 'policy_escalation')`)
      .pluck()
      .all() as number[];
    ctx.throwIfCancelled();
    ctx.progress(20, 100, `Grouping ${ids.length.toLocaleString('en-US')} corrections`);
    const outcome = await learnTopics(db, 'correction', ids, threshold, drafterFor(ctx), (done, total) =>
      ctx.progress(40 + Math.round((60 * done) / Math.max(1, total)), 100, `Drafting ${done} of ${total}`),
    );
    inTransaction(db, () => {
      // each correction points at its topic
      db.prepare(
        `UPDATE corrections SET topic_id = (SELECT tt.topic_id FROM topic_tickets tt WHERE tt.ticket_id = corrections.ticket_id ORDER BY tt.topic_id DESC LIMIT 1),
         outlier = coalesce((SELECT tt.role = 'outlier' FROM topic_tickets tt WHERE tt.ticket_id = corrections.ticket_id ORDER BY tt.topic_id DESC LIMIT 1), 0)`,
      ).run();
    });
    const n = (x: number) => x.toLocaleString('en-US');
    return {
      message: `${n(added)} new corrections; ${n(outcome.drafts)} drafts suggested${outcome.articleChanges ? `, ${n(outcome.articleChanges)} articles to update` : ''}${outcome.conflicts ? `, ${n(outcome.conflicts)} conflicts` : ''}${outcome.alreadyOnBoard ? `, ${n(outcome.joinedTickets)} joined ${n(outcome.alreadyOnBoard)} cards on the board` : ''}`,
      result: { corrections: added, ...outcome },
    };
  },
};
