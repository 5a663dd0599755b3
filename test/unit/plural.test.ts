import { describe, expect, it } from 'vitest';
import { plural } from '../../src/shared/plural';

describe('counts in words', () => {
  it('says one without a plural and any other count with it, grouped by thousands', () => {
    expect(plural(1, 'handover')).toBe('1 handover');
    expect(plural(0, 'handover')).toBe('0 handovers');
    expect(plural(1234, 'topic')).toBe((1234).toLocaleString() + ' topics');
  });
});
