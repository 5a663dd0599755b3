import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../../shared/api/errors';
import { escapeHtml } from '../../../../shared/markdown';
import { htmlToText } from '../../connectors/html-text';
import { slugify, type ExportArticle } from '../article';
import { formatFrontMatter, parseFrontMatter } from '../front-matter';
import type { ExportSettings, Publisher, RemoteArticle } from '../publisher';

type FileKind = 'markdown' | 'html' | 'json';
const EXTENSION: Record<FileKind, string> = { markdown: 'md', html: 'html', json: 'json' };

/** Markdown with front matter: the form a re-import reads back into the same article. */
export function markdownFile(a: ExportArticle): string {
  return `${formatFrontMatter({ id: a.id, title: a.title, tags: a.tags, updated_at: a.updatedAt, version: a.version })}\n${a.bodyMd.replace(/\s+$/, '')}\n`;
}

/** A standalone page; the article's facts ride in meta tags so the folder can be imported again. */
export function htmlFile(a: ExportArticle): string {
  const meta = (name: string, value: string | number) => `<meta name="tideline:${name}" content="${escapeHtml(String(value))}">`;
  return [
    '<!doctype html>',
    '<html>',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(a.title)}</title>`,
    meta('id', a.id),
    meta('tags', a.tags.join(', ')),
    meta('updated_at', a.updatedAt),
    meta('version', a.version),
    '</head>',
    '<body>',
    // the title shows once: the body's own opening heading, or this one
    ...(a.helpCenterHtml === a.bodyHtml ? [`<h1>${escapeHtml(a.title)}</h1>`] : []),
    '<article>',
    a.bodyHtml.trim(),
    '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function jsonFile(a: ExportArticle): string {
  return `${JSON.stringify({ id: a.id, title: a.title, tags: a.tags, updated_at: a.updatedAt, version: a.version, body_markdown: a.bodyMd, body_html: a.bodyHtml }, null, 2)}\n`;
}

const RENDER: Record<FileKind, (a: ExportArticle) => string> = { markdown: markdownFile, html: htmlFile, json: jsonFile };

/** A folder with one file per article, written whole (temporary file, then rename) so a crash never leaves half a file. */
export function filePublisher(settings: ExportSettings & { kind: FileKind }): Publisher {
  const raw = (settings.config.folder ?? '').trim();
  if (!raw) throw new AppError('VALIDATION', 'Choose the folder the files go to.');
  const folder = resolve(raw);
  const ext = EXTENSION[settings.kind];
  const pathOf = (name: string) => join(folder, basename(name));
  const fileName = (a: ExportArticle) => `${a.id}-${slugify(a.title)}.${ext}`;
  const remote = (name: string, text: string): RemoteArticle => ({
    id: name,
    url: pathToFileURL(pathOf(name)).href,
    title: '',
    body: text,
  });
  const write = (name: string, a: ExportArticle): RemoteArticle => {
    mkdirSync(folder, { recursive: true });
    const text = RENDER[settings.kind](a);
    const tmp = `${pathOf(name)}.tmp-${process.pid}`;
    writeFileSync(tmp, text);
    renameSync(tmp, pathOf(name));
    return remote(name, text);
  };
  return {
    async test() {
      try {
        mkdirSync(folder, { recursive: true });
        const probe = join(folder, `.tideline-probe-${process.pid}`);
        writeFileSync(probe, '');
        rmSync(probe);
      } catch (error) {
        throw new AppError('VALIDATION', `Tideline cannot write to ${folder}: ${(error as Error).message}`);
      }
      const files = readdirSync(folder).filter((f) => f.endsWith(`.${ext}`)).length;
      return { ok: true, summary: `Writes .${ext} files to ${folder} (${files} there now).`, choices: {} };
    },
    async read(name) {
      try {
        return remote(name, readFileSync(pathOf(name), 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async create(a) {
      return write(fileName(a), a);
    },
    async findByTitle(a) {
      // names are made from the article, so a lost create left exactly this file
      return this.read(fileName(a));
    },
    async update(name, a) {
      return write(name, a);
    },
    readable(body) {
      if (settings.kind === 'html') return htmlToText(body);
      if (settings.kind === 'markdown') return parseFrontMatter(body).body.trim();
      try {
        return String((JSON.parse(body) as { body_markdown?: unknown }).body_markdown ?? body);
      } catch {
        return body;
      }
    },
  };
}
