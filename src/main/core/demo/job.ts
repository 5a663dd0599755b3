import type { ImportSummary } from '../../../shared/domain/ticket';
import type { JobContext, JobKindSpec } from '../jobs/context';
import { describeSummary, emptySummary, TicketBatcher } from '../import/job';
import { ticketLineSchema, toTicketInput } from '../tickets/format';
import { ensureSource } from '../tickets/store';
import { nextTurn } from '../next-turn';
import { DemoCompany, type DemoOptions } from './generator';

export interface DemoCheckpoint {
  /** Tickets generated and committed so far. */
  index: number;
  summary: ImportSummary;
}

export const DEMO_SOURCE_NAME = 'Brightkettle (demo helpdesk)';

/** Generates the demo company's history and imports it, resumable by ticket count. */
export const demoImportJob: JobKindSpec<DemoOptions, DemoCheckpoint> = {
  title: 'Build the demo workspace',
  resumable: true,
  async run(ctx) {
    const company = new DemoCompany(ctx.params);
    const total = Math.round(ctx.params.perWeek * ctx.params.weeks);
    const state: DemoCheckpoint = ctx.checkpoint ?? {
      index: 0,
      summary: emptySummary('demo', 'jsonl'),
    };
    const sourceId = ensureSource(ctx.db, 'demo', DEMO_SOURCE_NAME);
    const batcher = new TicketBatcher(ctx as JobContext<unknown, unknown>, sourceId, state.summary);
    let index = 0;
    for (const line of company.all()) {
      if (index++ < state.index) continue;
      batcher.add(toTicketInput(ticketLineSchema.parse(line)));
      if (batcher.full) {
        ctx.throwIfCancelled();
        state.index = index;
        batcher.commit(state);
        ctx.progress(index, Math.max(total, index), `${index.toLocaleString('en-US')} tickets`);
        await nextTurn(); // lets a cancel message in
      }
    }
    state.index = index;
    batcher.commit(state);
    ctx.progress(index, index, `${index.toLocaleString('en-US')} tickets`);
    return { message: `Demo workspace ready: ${describeSummary(state.summary)}`, result: state.summary };
  },
};
