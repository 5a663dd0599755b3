import { HELPDESKS } from '../../../shared/domain/source';
import { createConnector, READING } from '../connectors';
import { HelpdeskError } from '../connectors/http';
import type { JobContext, JobKindSpec, JobOutcome } from '../jobs/context';
import { withEgress } from '../privacy/egress';
import { JobCancelledError } from '../jobs/context';
import { TicketStore } from '../tickets/store';
import { connectorSettings, readCursor, recordSyncOutcome, writeCursor } from './sources';
import { plural } from '../../../shared/plural';

export interface SyncParams {
  sourceId: number;
}

export interface SyncSummary {
  source: string;
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
}

const n = (x: number) => x.toLocaleString('en-US');

export function describeSync(s: SyncSummary): string {
  if (s.fetched === 0) return `${s.source}: up to date, nothing changed since the last sync`;
  const parts = [plural(s.created, 'new ticket', 'en-US')];
  if (s.updated) parts.push(`${n(s.updated)} updated`);
  if (s.unchanged) parts.push(`${n(s.unchanged)} unchanged`);
  return `${s.source}: ${parts.join(', ')}`;
}

/**
 * Syncs one helpdesk source from its stored cursor. Each page of tickets is written together
 * with the cursor just after it, in one transaction: killed at any point, the next run
 * starts exactly where the database says, and a page read twice changes nothing.
 */
export const syncSourceJob: JobKindSpec<SyncParams, SyncSummary> = {
  title: 'Sync helpdesk',
  resumable: true,
  run(ctx) {
    const name =
      (ctx.db.prepare('SELECT name FROM sources WHERE id = ?').get(ctx.params.sourceId) as { name: string } | undefined)?.name ??
      `source ${ctx.params.sourceId}`;
    return withEgress({ db: ctx.db, role: 'helpdesk', purpose: `Sync ${name}` }, () => syncSource(ctx, name));
  },
};

async function syncSource(ctx: JobContext<SyncParams, SyncSummary>, name: string): Promise<JobOutcome> {
  const { sourceId } = ctx.params;
  const { db } = ctx;
  const state: SyncSummary = ctx.checkpoint ?? { source: name, fetched: 0, created: 0, updated: 0, unchanged: 0 };
  try {
    const settings = connectorSettings(db, sourceId, (key) => ctx.secrets[key]);
    const vendor = HELPDESKS[settings.kind].label;
    let estimate: number | null = null;
    const connector = createConnector(settings, {
      signal: ctx.signal,
      onWait: (ms, why) => {
        const what = why === 'rate limit' ? `${vendor}’s rate limit` : `${vendor} to recover`;
        if (ms >= 1000)
          ctx.progress(state.fetched, estimate, `${n(state.fetched)} tickets so far; waiting ${Math.ceil(ms / 1000)} s for ${what}`);
      },
    });
    const store = new TicketStore(db);
    // a connector that now reads tickets differently (READING) starts over from the history window;
    // its number is written with the first page, so a sync resumed after a crash goes on from its last page
    const reading = READING[settings.kind];
    const newReading = readCursor(db, sourceId, 'reading') !== reading;
    const synced = readCursor(db, sourceId) !== null;
    let cursor = newReading ? null : readCursor(db, sourceId);
    ctx.progress(
      state.fetched,
      null,
      newReading && synced
        ? `Reading every ticket again: this version reads ${vendor} tickets more accurately…`
        : `Asking ${vendor} for changed tickets…`,
    );
    for (;;) {
      ctx.throwIfCancelled();
      const page = await connector.page(cursor);
      ctx.throwIfCancelled();
      ctx.commit(state, () => {
        for (const ticket of page.tickets) {
          const outcome = store.upsert(sourceId, ticket);
          state[outcome === 'created' ? 'created' : outcome]++;
        }
        state.fetched += page.tickets.length;
        writeCursor(db, sourceId, page.cursor);
        writeCursor(db, sourceId, reading, 'reading');
      });
      if (page.estimate !== null) estimate = Math.max(page.estimate, state.fetched);
      ctx.progress(state.fetched, estimate, `${n(state.fetched)} tickets from ${vendor}${estimate ? ` of about ${n(estimate)}` : ''}`);
      cursor = page.cursor;
      if (page.done) break;
    }
    recordSyncOutcome(db, sourceId, { ok: true });
    ctx.progress(state.fetched, state.fetched, describeSync(state));
    return { message: describeSync(state), result: state };
  } catch (error) {
    if (!(error instanceof JobCancelledError) && !ctx.signal.aborted) {
      const kind = error instanceof HelpdeskError ? error.failure : 'bad_response';
      recordSyncOutcome(db, sourceId, { ok: false, kind, message: error instanceof Error ? error.message : String(error) });
    }
    throw error;
  }
}
