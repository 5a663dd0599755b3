/**
 * A section of an article with a heading and nothing under it; `offset`: where its text would go:
 * the line after the heading, or, where the article leaves blank lines for it, the one with a blank
 * line above and below, so that what is typed there is a paragraph of its own.
 */
export interface EmptySection {
  title: string;
  offset: number;
}

/**
 * The first section of an article with a heading and nothing under it (an answer still to write),
 * or null. A section is empty when the next line with text is a heading of the same or a higher
 * level, or there is none; a subsection ("### In the app") under it counts as its text. Lines in
 * a fenced code block are text, never headings.
 */
export function emptySection(bodyMd: string): EmptySection | null {
  let fenced = false;
  let offset = 0;
  const lines = bodyMd.split('\n').map((text) => {
    const start = offset;
    offset += text.length + 1;
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    const heading = fenced ? null : /^(#{1,6})\s+(.*?)[\s#]*$/.exec(text);
    return { text, end: Math.min(offset, bodyMd.length), start, level: heading ? heading[1]!.length : 0, title: heading?.[2] ?? '' };
  });
  for (const [i, line] of lines.entries()) {
    if (line.level < 2) continue; // the title (#) is no section
    const next = lines.slice(i + 1).find((l) => l.text.trim());
    if (!next || (next.level > 0 && next.level <= line.level)) {
      const room = lines.slice(i + 1, i + 4);
      const spaced = room.length === 3 && room.every((l) => !l.text.trim());
      return { title: line.title, offset: spaced ? room[1]!.start : line.end };
    }
  }
  return null;
}
