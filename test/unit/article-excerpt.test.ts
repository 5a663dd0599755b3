import { describe, expect, it } from 'vitest';
import { excerptOf } from '../../src/main/core/kb/articles';

describe("an article's excerpt in the knowledge base list", () => {
  it('reads as text: no headings, list or quote marks, emphasis or code marks, but every word whole', () => {
    const body =
      '# Card delivery\n\n**In-country** delivery takes _three to five_ days.\n\n- Open `Card > Order status`\n1. Use order_id 12\n> Express is next-day';
    expect(excerptOf(body)).toBe(
      'In-country delivery takes three to five days. Open Card > Order status Use order_id 12 Express is next-day',
    );
  });

  it('is cut between words, with an ellipsis, when the text is long', () => {
    const body = `${'Express delivery arrives the next working day. '.repeat(5)}`;
    const excerpt = excerptOf(body);
    expect(excerpt.length).toBeLessThanOrEqual(181);
    expect(excerpt.endsWith('…')).toBe(true);
    const words = new Set(body.split(/\s+/).map((w) => w.replace('.', '')));
    for (const word of excerpt.slice(0, -1).split(' ')) expect(words.has(word.replace('.', ''))).toBe(true);
  });
});
