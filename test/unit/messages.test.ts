import { describe, expect, it } from 'vitest';
import { describeSummary } from '../../src/main/core/import/job';
import { describeBackfill } from '../../src/main/core/learn/backfill';
import { describeLearning } from '../../src/main/core/learn/loop';
import { describeSync } from '../../src/main/core/sync/job';
import { progressLine } from '../../src/main/host/cli';
import { plural } from '../../src/shared/plural';

describe('counts in words', () => {
  it('says one without a plural and any other count with it, grouped by thousands', () => {
    expect(plural(1, 'handover')).toBe('1 handover');
    expect(plural(0, 'handover')).toBe('0 handovers');
    expect(plural(1234, 'topic')).toBe((1234).toLocaleString() + ' topics');
    expect(plural(1234, 'topic', 'en-US')).toBe('1,234 topics');
  });
});

describe('job summaries count in words', () => {
  it('says what a run of the learning loop did, one in the singular', () => {
    const outcome = {
      topics: 5,
      collecting: 2,
      drafts: 1,
      conflicts: 1,
      alreadyOnBoard: 1,
      joinedTickets: 1,
      withCards: 0,
      articleChanges: 1,
    };
    expect(describeLearning(1, outcome)).toBe(
      '1 new correction; 1 draft suggested, 1 article to update, 1 conflict, 1 ticket joined 1 card on the board',
    );
    expect(describeLearning(1639, { ...outcome, drafts: 23, conflicts: 0, alreadyOnBoard: 0, articleChanges: 0 })).toBe(
      '1,639 new corrections; 23 drafts suggested',
    );
  });

  it('says why a backfill after the loop drafts nothing: its tickets are already with cards', () => {
    const outcome = {
      topics: 53,
      collecting: 53,
      drafts: 0,
      conflicts: 0,
      alreadyOnBoard: 0,
      joinedTickets: 0,
      withCards: 319,
      articleChanges: 0,
    };
    expect(describeBackfill(372, 53, outcome)).toBe(
      '0 draft articles from 372 tickets (319 tickets already with a card on the board, 53 topics still collecting evidence, 53 account-specific set aside)',
    );
    expect(describeBackfill(1, 0, { ...outcome, collecting: 0, drafts: 1, withCards: 0 })).toBe(
      '1 draft article from 1 ticket (0 account-specific set aside)',
    );
  });

  it('says one new ticket, one skipped line and one repeated id in the singular', () => {
    const one = {
      file: 'a.jsonl',
      format: 'jsonl' as const,
      imported: 1,
      updated: 0,
      unchanged: 0,
      skipped: 1,
      issues: [],
      repeated: 1,
      repeats: [],
    };
    expect(describeSummary(one)).toBe('1 new ticket, 1 line skipped, 1 repeated ticket id (the later line kept)');
    expect(describeSummary({ ...one, format: 'csv', imported: 1200, skipped: 2, repeated: 0 })).toBe('1,200 new tickets, 2 rows skipped');
  });

  it('says one new ticket of a sync in the singular', () => {
    expect(describeSync({ source: 'Support', fetched: 3, created: 1, updated: 2, unchanged: 0 })).toBe('Support: 1 new ticket, 2 updated');
  });
});

describe("a command's progress line", () => {
  const job = { title: 'Import tickets', status: 'running' as const, done: 0, total: null, message: null };
  it('says nothing until the job has something to say', () => {
    expect(progressLine(job)).toBeNull();
    expect(progressLine({ ...job, message: '  ' })).toBeNull();
  });
  it("gives the share done and the job's own message", () => {
    expect(progressLine({ ...job, message: '1,200 lines' })).toBe('Import tickets: 1,200 lines');
    expect(progressLine({ ...job, done: 2, total: 5, message: '1,200 lines' })).toBe('Import tickets: 40% 1,200 lines');
    expect(progressLine({ ...job, done: 1, total: 4 })).toBe('Import tickets: 25%');
  });
});
