import { describe, expect, it } from 'vitest';
import { describeSummary } from '../../src/main/core/import/job';
import { describeSync } from '../../src/main/core/sync/job';
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
