import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportIssue, ImportSummary } from '../../../shared/domain/ticket';
import type { JobContext, JobKindSpec } from '../jobs/context';
import type { TicketInput } from '../tickets/format';
import { ensureSource, TicketStore } from '../tickets/store';
import { readLines } from './lines';
import { parseCsvTickets } from './parse-csv';
import { MAX_LINE_BYTES, parseJsonLine } from './parse-jsonl';
import { removeUpload } from './uploads';
import { plural } from '../../../shared/plural';

export interface ImportParams {
  path: string;
  format: 'jsonl' | 'csv';
  /** The name the file is shown under (an upload's original name). */
  displayName: string;
  /** Tickets land in the file source of this name; re-imports into it update, never duplicate. */
  sourceName: string;
  /** Delete the file afterwards (an uploaded copy). */
  removeWhenDone: boolean;
}

export interface ImportCheckpoint {
  /** Byte offset just past the last committed line (JSONL). */
  offset: number;
  /** The last line whose tickets are committed. */
  line: number;
  summary: ImportSummary;
}

const BATCH = 1000;
export const MAX_ISSUES_KEPT = 200;

/** Counts tickets into a summary, batch by batch, each batch committed with its checkpoint. */
export class TicketBatcher {
  private batch: { ticket: TicketInput; fingerprint?: string }[] = [];
  private readonly store: TicketStore;

  constructor(
    private readonly ctx: JobContext<unknown, unknown>,
    private readonly sourceId: number,
    private readonly summary: Pick<ImportSummary, 'imported' | 'updated' | 'unchanged'>,
  ) {
    this.store = new TicketStore(ctx.db);
  }

  get full(): boolean {
    return this.batch.length >= BATCH;
  }

  add(ticket: TicketInput, fingerprint?: string): void {
    this.batch.push({ ticket, fingerprint });
  }

  /** Writes the batch and `checkpoint` in one transaction: a resume starts exactly after it. */
  commit(checkpoint: unknown): void {
    const batch = this.batch;
    this.batch = [];
    this.ctx.commit(checkpoint, () => {
      for (const { ticket, fingerprint } of batch) {
        const outcome = this.store.upsert(this.sourceId, ticket, fingerprint);
        if (outcome === 'created') this.summary.imported++;
        else this.summary[outcome]++;
      }
    });
  }
}

/** Distinct reasons kept with their counts; a file with more has lines whose reason is only in `issues`, or in none. */
export const MAX_REASONS = 50;
const FIRST_LINES = 5;

/** What an import has done before its first line. */
export const emptySummary = (file: string, format: ImportSummary['format']): ImportSummary => ({
  file,
  format,
  imported: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  issues: [],
  reasons: [],
  repeated: 0,
  repeats: [],
});

export function addIssue(summary: ImportSummary, issue: ImportIssue): void {
  summary.skipped++;
  if (summary.issues.length < MAX_ISSUES_KEPT) summary.issues.push(issue);
  const reasons = (summary.reasons ??= []);
  // "created_at: "03/01/2026" is not a valid date" and its like on other lines are one reason, told by its first line
  const shape = reasonShape(issue.reason);
  let same = reasons.find((r) => reasonShape(r.reason) === shape);
  if (!same && reasons.length < MAX_REASONS) reasons.push((same = { reason: issue.reason, lines: 0, first: [] }));
  if (!same) return;
  same.lines++;
  if (same.reason !== issue.reason) same.alike = true;
  if (same.first.length < FIRST_LINES) same.first.push(issue.line);
}

const reasonShape = (reason: string) => reason.replace(/"[^"]*"|\d+/g, '…');

/**
 * Notes a ticket id seen before in this file: both lines import (the later one wins, as a
 * re-import would), and the lead learns the export repeats itself.
 */
export class RepeatTracker {
  private readonly seen = new Map<string, number>();
  constructor(private readonly summary: ImportSummary) {}

  note(id: string, line: number): void {
    const earlier = this.seen.get(id);
    this.seen.set(id, line);
    if (earlier === undefined) return;
    this.summary.repeated++;
    if (this.summary.repeats.length < MAX_ISSUES_KEPT)
      this.summary.repeats.push({ line, reason: `ticket "${id}" was already on line ${earlier}; this later one was kept` });
  }
}

export function describeSummary(s: ImportSummary): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const parts = [plural(s.imported, 'new ticket', 'en-US')];
  if (s.updated) parts.push(`${n(s.updated)} updated`);
  if (s.unchanged) parts.push(`${n(s.unchanged)} unchanged`);
  const unit = s.format === 'csv' ? 'row' : 'line';
  if (s.skipped) parts.push(`${plural(s.skipped, unit, 'en-US')} skipped`);
  if (s.repeated) parts.push(`${plural(s.repeated, 'repeated ticket id', 'en-US')} (the later ${unit} kept)`);
  return parts.join(', ');
}

/** Imports an open-format file (JSONL or CSV), streaming, resumable from its last batch. */
export const importFileJob: JobKindSpec<ImportParams, ImportCheckpoint> = {
  title: 'Import tickets',
  resumable: true,
  async run(ctx) {
    const p = ctx.params;
    const total = statSync(p.path).size;
    const state: ImportCheckpoint = ctx.checkpoint ?? {
      offset: 0,
      line: 0,
      summary: emptySummary(p.displayName, p.format),
    };
    const summary = state.summary;
    summary.repeats ??= []; // a checkpoint an older version wrote
    summary.repeated ??= 0;
    // ids are remembered for this run: after a resume, a repeat of a line before the checkpoint still imports, unreported
    const repeats = new RepeatTracker(summary);
    const sourceId = ensureSource(ctx.db, 'file', p.sourceName);
    const batcher = new TicketBatcher(ctx as JobContext<unknown, unknown>, sourceId, summary);
    const report = (position: number) => ctx.progress(position, total, `${basename(p.displayName)}: ${describeSummary(summary)}`);

    if (p.format === 'jsonl') {
      for await (const line of readLines(p.path, { start: state.offset, firstLine: state.line + 1, maxLineBytes: MAX_LINE_BYTES })) {
        const parsed = parseJsonLine(line);
        // the line's own bytes identify this version of the ticket: cheaper than hashing it again
        if (parsed.ok === true) {
          repeats.note(parsed.ticket.externalId, line.number);
          batcher.add(parsed.ticket, createHash('sha1').update(line.bytes).digest('base64url'));
        } else if (parsed.ok === false) addIssue(summary, { line: line.number, reason: parsed.reason });
        if (batcher.full) {
          ctx.throwIfCancelled();
          Object.assign(state, { offset: line.end, line: line.number });
          batcher.commit(state);
          report(line.end);
        }
        state.offset = line.end;
        state.line = line.number;
      }
    } else {
      for await (const event of parseCsvTickets(p.path, state.line)) {
        if (event.kind === 'issue') addIssue(summary, event.issue);
        else {
          repeats.note(event.ticket.externalId, event.firstLine);
          batcher.add(event.ticket);
          state.line = event.lastLine;
        }
        if (batcher.full) {
          ctx.throwIfCancelled();
          batcher.commit(state);
          report(event.bytes);
        }
      }
    }
    batcher.commit(state);
    ctx.progress(total, total, describeSummary(summary));
    if (p.removeWhenDone) removeUpload(p.path);
    summary.issues.sort((a, b) => a.line - b.line);
    for (const r of summary.reasons ?? []) r.first.sort((a, b) => a - b);
    summary.reasons?.sort((a, b) => a.first[0]! - b.first[0]!);
    summary.repeats.sort((a, b) => a.line - b.line);
    return { message: `${basename(p.displayName)}: ${describeSummary(summary)}`, result: summary };
  },
};
