import type { DB } from '../db/open';
import type { JobKindSpec } from '../jobs/context';
import { isAccountSpecific } from './account-specific';
import { redactedEvidence } from './store';
import { drafterFor } from './drafter';
import { learnTopics, type DraftingOutcome } from './topics';
import { plural } from '../../../shared/plural';

export const DEFAULT_BACKFILL_LIMIT = 5000;

export interface BackfillParams {
  /** How many of the most recent resolved tickets to learn from. */
  limit: number;
  /** A topic becomes a draft when it holds at least this many tickets from as many customers. */
  minTopicSize: number;
}

/**
 * Historic backfill: the last N resolved tickets with a human answer are grouped by question
 * and answer, and each recurring topic becomes one full draft article. Casework (about one
 * order or account) is set aside; answers that disagree with the rest are kept out.
 */
export const backfillJob: JobKindSpec<BackfillParams, never> = {
  title: 'Learn from past tickets',
  resumable: false,
  async run(ctx) {
    const db = ctx.db;
    const { limit, minTopicSize } = ctx.params;
    ctx.progress(0, 100, 'Reading resolved tickets');
    const ids = db
      .prepare(
        `SELECT id FROM tickets t WHERE solved = 1
           AND EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.role = 'agent' AND m.public = 1)
         ORDER BY created_at DESC LIMIT ?`,
      )
      .pluck()
      .all(limit) as number[];
    if (!ids.length) return { message: nothingToLearn(db), result: { tickets: 0, drafts: 0 } };
    const all = redactedEvidence(db, ids);
    const casework = all.filter((e) => isAccountSpecific(e.answer)).length;
    const evidence = all.filter((e) => !isAccountSpecific(e.answer));
    ctx.throwIfCancelled();

    ctx.progress(20, 100, `Grouping ${evidence.length.toLocaleString('en-US')} tickets by question and answer`);
    const outcome = await learnTopics(db, 'backfill', evidence, minTopicSize, drafterFor(ctx), (done, total) =>
      ctx.progress(40 + Math.round((60 * done) / Math.max(1, total)), 100, `Drafting article ${done} of ${total}`),
    );
    return {
      message: describeBackfill(evidence.length, casework, outcome),
      result: { tickets: evidence.length, accountSpecific: casework, ...outcome },
    };
  },
};

/** Why a backfill found nothing to learn from, in words that say what to do. */
function nothingToLearn(db: DB): string {
  const tickets = db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
  if (!tickets) return 'No tickets yet: import or sync some first.';
  return `No solved ticket with a person’s reply yet (of ${plural(tickets, 'ticket', 'en-US')}): a ticket teaches once it is solved (its status says so, it has a solved date, or the team replied last).`;
}

/** What a backfill did, in words: with what was already on the board, so a run after the loop drafted everything says so. */
export function describeBackfill(tickets: number, casework: number, outcome: DraftingOutcome): string {
  const extras = [
    outcome.conflicts ? `${plural(outcome.conflicts, 'conflict', 'en-US')} to decide` : '',
    outcome.alreadyOnBoard
      ? `${plural(outcome.joinedTickets, 'ticket', 'en-US')} joined ${plural(outcome.alreadyOnBoard, 'card', 'en-US')} already on the board`
      : '',
    outcome.withCards ? `${plural(outcome.withCards, 'ticket', 'en-US')} already with a card on the board` : '',
    outcome.collecting ? `${plural(outcome.collecting, 'topic', 'en-US')} still collecting evidence` : '',
    `${casework.toLocaleString('en-US')} account-specific set aside`,
  ].filter(Boolean);
  return `${plural(outcome.drafts, 'draft article', 'en-US')} from ${plural(tickets, 'ticket', 'en-US')} (${extras.join(', ')})`;
}
