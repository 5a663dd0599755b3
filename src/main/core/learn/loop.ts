import { plural } from '../../../shared/plural';
import { inTransaction } from '../db/transaction';
import type { JobKindSpec } from '../jobs/context';
import { getSetting } from '../system/settings';
import { recordCorrections } from './corrections';
import { drafterFor } from './drafter';
import { learnTopics, type DraftingOutcome } from './topics';

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
    return {
      message: describeLearning(added, outcome),
      result: { corrections: added, ...outcome },
    };
  },
};

/** What a run of the loop did, as the job says it: "3 new corrections; 1 draft suggested, 1 conflict". */
export function describeLearning(added: number, outcome: DraftingOutcome): string {
  const count = (n: number, word: string) => plural(n, word, 'en-US');
  return [
    `${count(added, 'new correction')}; ${count(outcome.drafts, 'draft')} suggested`,
    outcome.articleChanges ? `${count(outcome.articleChanges, 'article')} to update` : '',
    outcome.conflicts ? count(outcome.conflicts, 'conflict') : '',
    outcome.alreadyOnBoard ? `${count(outcome.joinedTickets, 'ticket')} joined ${count(outcome.alreadyOnBoard, 'card')} on the board` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
