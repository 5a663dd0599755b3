import DOMPurify from 'dompurify';
import { useMemo } from 'react';
import { markdownToSafeHtml } from '../../shared/markdown';

/** Markdown rendered to HTML that cannot carry scripts (the exports' renderer), and sanitized once more in the DOM. */
export function Markdown({ source }: { source: string }) {
  const html = useMemo(
    () => DOMPurify.sanitize(markdownToSafeHtml(source), { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input'] }),
    [source],
  );
  // sanitized just above: the only place the interface renders HTML
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
