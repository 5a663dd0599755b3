/** Splits an article into chunks of about `size` characters along headings, then paragraphs. */
export function chunkArticle(title: string, markdown: string, size = 500): string[] {
  const sections: string[] = [];
  let current: string[] = [];
  for (const line of markdown.split('\n')) {
    if (/^#{1,6}\s/.test(line) && current.join('\n').trim()) {
      sections.push(current.join('\n').trim());
      current = [];
    }
    current.push(line);
  }
  if (current.join('\n').trim()) sections.push(current.join('\n').trim());

  const chunks: string[] = [];
  for (const section of sections) {
    const heading = /^#{1,6}\s.*$/m.exec(section)?.[0] ?? '';
    let chunk = '';
    for (const paragraph of section.split(/\n{2,}/)) {
      if (chunk && chunk.length + paragraph.length > size) {
        chunks.push(chunk.trim());
        chunk = heading && !paragraph.startsWith(heading) ? `${heading}\n` : '';
      }
      chunk += `${paragraph}\n\n`;
    }
    if (chunk.trim()) chunks.push(chunk.trim());
  }
  return (chunks.length ? chunks : ['']).map((c) => `${title}\n${c}`.trim());
}
