import type { DrafterConfig } from '../../../shared/domain/draft';
import type { JobKindSpec } from '../jobs/context';
import { ReviewBoard } from '../review/review';
import { drafterFor } from './drafter';
import { draftEvidence, extractiveFor } from './redraft';

export interface RedraftParams {
  draftId: number;
  /** Another drafter than the workspace's; its key (for a cloud endpoint) is the one in the secret store. */
  drafter?: DrafterConfig;
}

/** "Regenerate with…": writes a card's article again from its evidence, with the drafter the lead picked. */
export const redraftJob: JobKindSpec<RedraftParams, never> = {
  title: 'Redraft a card',
  resumable: false,
  async run(ctx) {
    const { draftId, drafter } = ctx.params;
    ctx.progress(0, 100, 'Reading the evidence');
    const evidence = draftEvidence(ctx.db, draftId);
    if (!evidence.length) throw new Error(`Draft ${draftId} has no supporting tickets left to draft from.`);
    const extractive = extractiveFor(ctx.db, draftId, evidence);
    ctx.progress(10, 100, `Drafting from ${evidence.length} tickets`);
    const text = await drafterFor(ctx, drafter, draftId)(evidence, extractive);
    ctx.throwIfCancelled();
    const outcome = new ReviewBoard(ctx.db).redraft(draftId, text);
    return { message: `Redrafted “${text.title}” with ${text.drafter}.`, result: { draftId, batch: outcome.batch, drafter: text.drafter } };
  },
};
