import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { markdownToSafeHtml } from '../../../shared/markdown';
import type { DB } from '../db/open';

/** An approved article as every export target receives it. */
export interface ExportArticle {
  id: number;
  title: string;
  bodyMd: string;
  /** The body as sanitized HTML, whole: what HTML and JSON files hold. */
  bodyHtml: string;
  /** The same without a leading heading that repeats the title: help centers show the title themselves. */
  helpCenterHtml: string;
  tags: string[];
  version: number;
  updatedAt: string;
}

export function loadExportArticle(db: DB, id: number): ExportArticle {
  const row = db
    .prepare(
      `SELECT a.id, a.title, a.current_version AS version, a.updated_at AS updatedAt, v.body_md AS bodyMd, v.tags
       FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version WHERE a.id = ?`,
    )
    .get(id) as { id: number; title: string; version: number; updatedAt: string; bodyMd: string; tags: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no article ${id}.`);
  return {
    ...row,
    tags: JSON.parse(row.tags) as string[],
    bodyHtml: markdownToSafeHtml(row.bodyMd),
    helpCenterHtml: markdownToSafeHtml(withoutTitleHeading(row.bodyMd, row.title)),
  };
}

/** Drafts open with "# <title>"; under a help center's own title that line would show twice. */
export function withoutTitleHeading(bodyMd: string, title: string): string {
  const first = /^\s*#\s+(.+?)\s*#*\s*(?:\n|$)/.exec(bodyMd);
  return first && first[1]!.trim().toLowerCase() === title.trim().toLowerCase()
    ? bodyMd.slice(first[0].length).replace(/^\s+/, '')
    : bodyMd;
}

/**
 * A fingerprint of an article's text as the help center holds it. Whitespace is folded so a
 * help center that reflows HTML does not look like a person's edit.
 */
export function remoteHash(title: string, body: string): string {
  const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(`${fold(title)}\n${fold(body)}`)
    .digest('hex')
    .slice(0, 32);
}

export function slugify(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'article'
  );
}
