import { describe, expect, it } from 'vitest';
import { binomialTail } from '../../src/main/core/learn/answer-split';

describe('the chance that questions pick the right answer by luck', () => {
  it('is the upper tail of a fair binomial', () => {
    expect(binomialTail(0, 10)).toBe(1);
    expect(binomialTail(10, 10)).toBeCloseTo(1 / 1024, 12);
    // C(10,6) + C(10,7) + C(10,8) + C(10,9) + C(10,10) = 210 + 120 + 45 + 10 + 1
    expect(binomialTail(6, 10)).toBeCloseTo(386 / 1024, 12);
    expect(binomialTail(400, 400)).toBeGreaterThan(0);
    expect(binomialTail(300, 400)).toBeLessThan(1e-20);
  });
});
