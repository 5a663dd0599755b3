import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/** Markdown rendered to HTML and sanitized: no scripts, no event handlers, no javascript: links. */
export function Markdown({ source }: { source: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(source, { async: false, gfm: true }), { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input'] }), [source]);
  // sanitized just above: the only place the interface renders HTML
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
