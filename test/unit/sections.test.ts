import { describe, expect, it } from 'vitest';
import { emptySection as found } from '../../src/shared/sections';

const emptySection = (body: string) => found(body)?.title ?? null;

describe('an article section with nothing under it', () => {
  it('finds the answer still to write, between headings or at the end', () => {
    expect(emptySection('# Cards\n\nWhat to know.\n\n## Answer\n\n## How customers ask\n\n- “Can I?”\n')).toBe('Answer');
    expect(emptySection('# Cards\n\n## Steps\n\n1. Open Cards.\n\n## Notes and exceptions\n\n')).toBe('Notes and exceptions');
  });

  it('reads a subsection, a list or a fenced line as text, and the title as no section', () => {
    expect(emptySection('# Cards\n\n## Answer\n\n### In the app\n\nOpen Cards.\n')).toBeNull();
    expect(emptySection('# Cards\n\n## Answer\n\n```\n## not a heading\n```\n')).toBeNull();
    expect(emptySection('# Cards\n\n## Answer\n- Open Cards.\n## How customers ask\n- “Can I?”')).toBeNull();
    expect(emptySection('# Cards\n')).toBeNull();
    expect(emptySection('## Answer\r\n\r\nOpen Cards.\r\n')).toBeNull();
  });

  it('says where the missing text goes: the line after the heading', () => {
    const body = '# Cards\n\nWhat to know.\n\n## Answer\n\n## How customers ask\n';
    expect(body.slice(found(body)!.offset)).toBe('\n## How customers ask\n');
    expect(found('# Cards\n\n## Answer')).toEqual({ title: 'Answer', offset: 18 }); // 8 + 1 + 9: the end of the article;
  });

  it('puts the missing text between blank lines where the article leaves room for it', () => {
    const body = '# Cards\n\n## Answer\n\n\n\n## How customers ask\n';
    const { offset } = found(body)!;
    expect(`${body.slice(0, offset)}Open Cards.${body.slice(offset)}`).toBe(
      '# Cards\n\n## Answer\n\nOpen Cards.\n\n## How customers ask\n',
    );
    expect(found('# Cards\n\n## Answer\n\n\n')!.offset).toBe(20); // at the end of the article: still a blank line above
  });

  it('finds a subsection left empty', () => {
    expect(emptySection('# Cards\n\n## Answer\n\n### In the app\n\n### On the web\n\nOpen cards.\n')).toBe('In the app');
  });
});
