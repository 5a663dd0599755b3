import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import TurndownService from 'turndown';
import { AppError } from '../../../shared/api/errors';
import type { ArticleImport } from '../../../shared/domain/draft';
import { nowIso, type DB } from '../db/open';
import { inTransaction } from '../db/transaction';
import { Batch } from '../review/audit';
import { parseFrontMatter } from '../export/front-matter';

/** An article read from a file: what Tideline's Markdown and HTML exports write, or a hand-written page. */
export interface ArticleFile {
  /** The article's id in the workspace it was exported from. */
  id: number | null;
  title: string;
  bodyMd: string;
  tags: string[];
}

const turndown = new TurndownService({
  headingStyle: 'atx',
  bulletListMarker: '-',
  codeBlockStyle: 'fenced',
  emDelimiter: '*',
  strongDelimiter: '**',
});

const tagList = (value: unknown): string[] =>
  (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : []).map((t) => t.trim()).filter(Boolean);

export function readMarkdownArticle(text: string, fallbackTitle: string): ArticleFile {
  const { fields, body } = parseFrontMatter(text);
  let bodyMd = body.trim();
  let title = typeof fields.title === 'string' || typeof fields.title === 'number' ? String(fields.title).trim() : '';
  if (!title) {
    // a hand-written page: its first heading is the title
    const heading = /^#\s+(.+)\n*/.exec(bodyMd);
    title = heading?.[1]?.trim() ?? fallbackTitle;
    if (heading) bodyMd = bodyMd.slice(heading[0].length).trim();
  }
  return { id: typeof fields.id === 'number' ? fields.id : null, title, bodyMd, tags: tagList(fields.tags) };
}

export function readHtmlArticle(html: string, fallbackTitle: string): ArticleFile {
  const meta = (name: string) => new RegExp(`<meta\\s+name="tideline:${name}"\\s+content="([^"]*)"`, 'i').exec(html)?.[1] ?? null;
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const titleTag = decode(/<title>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '').trim();
  const article = /<article>([\s\S]*)<\/article>/i.exec(html)?.[1];
  const id = meta('id');
  const facts = { id: id && /^\d+$/.test(id) ? Number(id) : null, tags: tagList(decode(meta('tags') ?? '')) };
  // Tideline's own pages: the title in <title>, the body whole inside <article>
  if (article !== undefined && titleTag) return { ...facts, title: titleTag, bodyMd: turndown.turndown(article).trim() };
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const heading = /^\s*<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(body);
  const title = titleTag || (heading ? decode(heading[1]!.replace(/<[^>]+>/g, '')).trim() : '') || fallbackTitle;
  return { ...facts, title, bodyMd: turndown.turndown(heading && !titleTag ? body.slice(heading[0].length) : body).trim() };
}

function readFolder(folder: string): { files: { file: string; article: ArticleFile }[]; skipped: ArticleImport['skipped'] } {
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new AppError('VALIDATION', `${folder} is a file; choose the folder the articles are in.`);
    names = readdirSync(folder).sort();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('NOT_FOUND', `Cannot read the folder ${folder}: ${(error as Error).message}`);
  }
  const files: { file: string; article: ArticleFile }[] = [];
  const skipped: ArticleImport['skipped'] = [];
  for (const file of names) {
    const ext = extname(file).toLowerCase();
    if (!['.md', '.markdown', '.html', '.htm'].includes(ext)) continue;
    try {
      const text = readFileSync(join(folder, file), 'utf8');
      const fallback = file.slice(0, -ext.length).replace(/^\d+-/, '').replace(/-/g, ' ');
      const article = ext.startsWith('.htm') ? readHtmlArticle(text, fallback) : readMarkdownArticle(text, fallback);
      if (!article.bodyMd) skipped.push({ file, reason: 'the article has no text' });
      else files.push({ file, article });
    } catch (error) {
      skipped.push({ file, reason: (error as Error).message });
    }
  }
  return { files, skipped };
}

/**
 * Imports a folder of articles into the knowledge base, in one transaction. A file whose id
 * names an article of this workspace with the same title updates it (a new version when its
 * text changed); any other file becomes a new article.
 */
export function importArticleFolder(db: DB, folder: string, actor = 'lead'): ArticleImport {
  const { files, skipped } = readFolder(folder);
  const outcome: ArticleImport = { batch: '', created: 0, updated: 0, unchanged: 0, skipped };
  if (!files.length) {
    if (!skipped.length) throw new AppError('NOT_FOUND', `There are no .md or .html files in ${folder}.`);
    return outcome;
  }
  inTransaction(db, () => {
    const batch = new Batch(db, actor);
    outcome.batch = batch.id;
    const now = nowIso();
    const current = db.prepare(
      `SELECT a.id, a.title, a.current_version AS version, v.body_md AS bodyMd, v.tags FROM articles a
       JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version WHERE a.id = ?`,
    );
    const addVersion = db.prepare(
      `INSERT INTO article_versions (article_id, version, title, body_md, tags, draft_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)`,
    );
    for (const { article } of files) {
      const tags = JSON.stringify(article.tags);
      const existing =
        article.id === null
          ? undefined
          : (current.get(article.id) as { id: number; title: string; version: number; bodyMd: string; tags: string } | undefined);
      if (existing && existing.title === article.title) {
        if (existing.bodyMd.trim() === article.bodyMd && existing.tags === tags) {
          outcome.unchanged++;
          continue;
        }
        const version = existing.version + 1;
        addVersion.run(existing.id, version, article.title, article.bodyMd, tags, actor, now);
        db.prepare('UPDATE articles SET current_version = ?, updated_at = ? WHERE id = ?').run(version, now, existing.id);
        batch.record({ articleId: existing.id, action: 'article_import', before: { version: existing.version }, after: { version } });
        outcome.updated++;
      } else {
        const id = Number(
          db.prepare('INSERT INTO articles (title, created_at, updated_at) VALUES (?, ?, ?)').run(article.title, now, now).lastInsertRowid,
        );
        addVersion.run(id, 1, article.title, article.bodyMd, tags, actor, now);
        batch.record({ articleId: id, action: 'article_import', before: null, after: { version: 1 } });
        outcome.created++;
      }
    }
  });
  return outcome;
}
