import { Marked, type Tokens } from 'marked';

const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/)|\.{1,2}\/|[^:/?#]+(?:[/?#]|$))/i;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

/** A link or image address that cannot run code: http(s), mailto, anchors and relative paths. */
export function safeUrl(href: string): string | null {
  // browsers ignore tabs, newlines and leading control characters inside a scheme: "java\tscript:"
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const compact = href.replace(/[\u0000-\u0020\u007f]+/g, '');
  return SAFE_URL.test(compact) ? href.trim() : null;
}

/**
 * Markdown to HTML that is safe by construction: raw HTML in the source is shown as text, not
 * passed through, so no script, iframe, style or event handler can appear; links and images
 * keep only addresses that cannot run code. Used for exports and for the app's own previews.
 */
const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    link(token: Tokens.Link) {
      const inner = this.parser.parseInline(token.tokens);
      const href = safeUrl(token.href);
      if (href === null) return inner;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title}>${inner}</a>`;
    },
    image(token: Tokens.Image) {
      const src = safeUrl(token.href);
      if (src === null) return escapeHtml(token.text);
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<img src="${escapeHtml(src)}" alt="${escapeHtml(token.text)}"${title}>`;
    },
  },
});

export function markdownToSafeHtml(markdown: string): string {
  return marked.parse(markdown) as string;
}
