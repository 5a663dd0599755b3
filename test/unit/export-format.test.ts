import { describe, expect, it } from 'vitest';
import { formatFrontMatter, parseFrontMatter } from '../../src/main/core/export/front-matter';
import { slugify } from '../../src/main/core/export/article';
import { markdownToSafeHtml, safeUrl } from '../../src/shared/markdown';

describe('front matter', () => {
  it('reads back what it writes, quotes, colons and dashes included', () => {
    const fields = { id: 12, title: 'Refunds: "fast" — or not', tags: ['a: b', 'c'], updated_at: '2026-11-20T10:00:00.000Z', version: 3 };
    const text = `${formatFrontMatter(fields)}\n---\nbody`;
    expect(parseFrontMatter(text)).toEqual({ fields, body: '\n---\nbody' });
  });

  it('reads hand-written YAML: bare words, single quotes, block and flow lists', () => {
    const text = "---\ntitle: Gift cards\nsubtitle: 'It''s simple'\ntags:\n  - gifts\n  - 'cards'\nother: [x, 'y']\n---\nText";
    expect(parseFrontMatter(text)).toEqual({
      fields: { title: 'Gift cards', subtitle: "It's simple", tags: ['gifts', 'cards'], other: ['x', 'y'] },
      body: 'Text',
    });
  });

  it('leaves a file without front matter whole', () => {
    expect(parseFrontMatter('# Title\n\ntext')).toEqual({ fields: {}, body: '# Title\n\ntext' });
  });
});

describe('safe HTML', () => {
  it('keeps web, mail, anchor and relative addresses and refuses the ones that run code', () => {
    for (const ok of [
      'https://a.test/x',
      'http://a.test',
      'mailto:help@a.test',
      '#steps',
      '/help/returns',
      './img.png',
      '../up',
      'page.html',
      'faq?q=1',
    ])
      expect(safeUrl(ok)).toBe(ok);
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:x',
      'data:text/html,<b>',
      'vbscript:x',
      'file:///etc/passwd',
    ])
      expect(safeUrl(bad)).toBeNull();
  });

  it('shows raw HTML as text instead of passing it through', () => {
    expect(markdownToSafeHtml('<div onclick="x()">hi</div>')).toBe('&lt;div onclick=&quot;x()&quot;&gt;hi&lt;/div&gt;');
    expect(markdownToSafeHtml('a <span style="color:red">b</span>')).toBe(
      '<p>a &lt;span style=&quot;color:red&quot;&gt;b&lt;/span&gt;</p>\n',
    );
  });

  it('names files by a readable slug', () => {
    expect(slugify('Crème brûlée: how to return it?')).toBe('creme-brulee-how-to-return-it');
    expect(slugify('!!!')).toBe('article');
  });
});
