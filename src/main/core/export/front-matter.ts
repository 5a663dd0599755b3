/**
 * The YAML front matter of exported Markdown: a small, strict subset (scalars and lists of
 * strings) written as JSON-compatible flow values, read back leniently enough for hand edits.
 */
export type FrontMatter = Record<string, string | number | string[]>;

export function formatFrontMatter(fields: FrontMatter): string {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${typeof value === 'number' ? value : JSON.stringify(value)}`);
  return `---\n${lines.join('\n')}\n---\n`;
}

function scalar(raw: string): string | number | string[] {
  const text = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text.startsWith('"') || text.startsWith('[')) {
    try {
      const value = JSON.parse(text) as unknown;
      if (typeof value === 'string') return value;
      if (Array.isArray(value)) return value.map(String);
    } catch {
      // YAML that is not JSON (single quotes, bare words in a list): read it the simple way
    }
  }
  if (text.startsWith('[') && text.endsWith(']'))
    return text
      .slice(1, -1)
      .split(',')
      .map((s) => s.trim().replace(/^['"]|['"]$/g, ''))
      .filter(Boolean);
  return text.replace(/^'(.*)'$/, (_, s: string) => s.replace(/''/g, "'"));
}

/** Splits a Markdown file into its front matter and body; a file without one has an empty front matter. */
export function parseFrontMatter(text: string): { fields: FrontMatter; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { fields: {}, body: text };
  const fields: FrontMatter = {};
  let listKey: string | null = null;
  for (const line of match[1]!.split(/\r?\n/)) {
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item && listKey) {
      (fields[listKey] as string[]).push(String(scalar(item[1]!)));
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (!pair) continue;
    listKey = pair[2]!.trim() === '' ? pair[1]! : null;
    fields[pair[1]!] = listKey ? [] : scalar(pair[2]!);
  }
  return { fields, body: text.slice(match[0].length) };
}
