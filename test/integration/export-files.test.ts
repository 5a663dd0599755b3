import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/main/core/db/open';
import { exportJob } from '../../src/main/core/export/job';
import { enqueueExport, exportRecords } from '../../src/main/core/export/queue';
import { ExportTargets } from '../../src/main/core/export/targets';
import { editArticle, listArticles } from '../../src/main/core/kb/articles';
import { importArticleFolder } from '../../src/main/core/kb/import-folder';
import { openDatabase } from '../../src/main/core/db/open';
import { FileSecretStore } from '../../src/main/core/secrets/store';
import { undoBatch } from '../../src/main/core/review/undo';
import { markdownToSafeHtml } from '../../src/shared/markdown';
import type { ExportKind } from '../../src/shared/domain/export';
import { knowledgeBase, SAMPLE_ARTICLES, type SeedArticle } from '../helpers/kb';
import { jobHere, SimulatedCrash } from '../helpers/sync';
import { tempDir } from '../helpers/temp';

async function exportFolder(kind: Extract<ExportKind, 'markdown' | 'html' | 'json'>, articles: SeedArticle[] = SAMPLE_ARTICLES) {
  const kb = knowledgeBase(articles);
  const folder = join(tempDir(), 'out');
  const target = new ExportTargets(kb.db, new FileSecretStore(tempDir())).add(kind, { name: kind, fields: { folder } });
  const run = () => {
    enqueueExport(kb.db, target.id, kb.articleIds);
    return jobHere(exportJob, kb.db, { targetId: target.id }, {});
  };
  await run();
  return { ...kb, folder, target, run };
}

const freshWorkspace = (): DB => openDatabase(join(tempDir(), 'fresh.db'), { create: true });
const articlesOf = (db: DB) =>
  listArticles(db)
    .map((a) => ({
      title: a.title,
      tags: a.tags,
      body: db.prepare('SELECT body_md FROM article_versions WHERE article_id = ? AND version = ?').pluck().get(a.id, a.version) as string,
    }))
    .sort((a, b) => a.title.localeCompare(b.title));

const HOSTILE: SeedArticle = {
  title: 'Hostile <b>title</b>',
  bodyMd: [
    'Before <script>alert(1)</script> after.',
    '',
    '<iframe src="https://evil.test"></iframe>',
    '',
    '<img src="x" onerror="alert(2)">',
    '',
    '[click me](javascript:alert(3)) and [tab trick](java\tscript:alert(4)) and [fine](https://acme.test/ok)',
    '',
    '![logo](https://acme.test/logo.png) ![data](data:text/html;base64,PHNjcmlwdD4=)',
    '',
    '<a href="https://acme.test" onclick="steal()">raw link</a>',
  ].join('\n'),
};

describe('file exports', () => {
  it('writes Markdown with front matter, and importing the folder gives the same articles', async () => {
    const { db, folder, articleIds } = await exportFolder('markdown');
    const files = readdirSync(folder).sort();
    expect(files).toEqual([
      `${articleIds[0]}-return-a-damaged-lens.md`,
      `${articleIds[1]}-change-the-delivery-address-before-it-ships.md`,
      `${articleIds[2]}-reset-your-password.md`,
    ]);
    const first = readFileSync(join(folder, files[0]!), 'utf8');
    const updated = db.prepare('SELECT updated_at FROM articles WHERE id = ?').pluck().get(articleIds[0]) as string;
    expect(
      first.startsWith(
        `---\nid: ${articleIds[0]}\ntitle: "Return a damaged lens"\ntags: ["damage","returns"]\nupdated_at: "${updated}"\nversion: 1\n---\n\n## What to do`,
      ),
    ).toBe(true);

    const fresh = freshWorkspace();
    const outcome = importArticleFolder(fresh, folder);
    expect(outcome).toMatchObject({ created: 3, updated: 0, unchanged: 0, skipped: [] });
    expect(articlesOf(fresh)).toEqual(articlesOf(db));
  });

  it('round-trips HTML: re-importing the pages renders the same articles', async () => {
    const { db, folder } = await exportFolder('html');
    const page = readFileSync(join(folder, readdirSync(folder).sort()[0]!), 'utf8');
    expect(page).toContain('<meta name="tideline:tags" content="damage, returns">');
    expect(page).toContain('<h1>Return a damaged lens</h1>');
    // a body that opens with its title gets no second heading
    const reset = readFileSync(join(folder, readdirSync(folder).sort()[2]!), 'utf8');
    expect(reset.match(/<h1>/g)).toHaveLength(1);
    const fresh = freshWorkspace();
    expect(importArticleFolder(fresh, folder)).toMatchObject({ created: 3 });
    const rendered = (rows: ReturnType<typeof articlesOf>) => rows.map((a) => ({ ...a, body: markdownToSafeHtml(a.body) }));
    expect(rendered(articlesOf(fresh))).toEqual(rendered(articlesOf(db)));
  });

  it('writes JSON with both bodies', async () => {
    const { folder, articleIds } = await exportFolder('json');
    const doc = JSON.parse(readFileSync(join(folder, `${articleIds[2]}-reset-your-password.json`), 'utf8')) as Record<string, unknown>;
    expect(doc).toMatchObject({
      id: articleIds[2],
      title: 'Reset your password',
      tags: [],
      version: 1,
      body_markdown: SAMPLE_ARTICLES[2]!.bodyMd,
    });
    expect(doc.body_html).toBe(
      '<h1>Reset your password</h1>\n<p>Use <strong>Forgot password</strong> on the sign-in page. The link is valid for <code>24 hours</code>.</p>\n',
    );
  });

  it('importing the same folder again changes nothing; an edited file becomes a new version of its article; undo removes it', async () => {
    const { db, folder, articleIds } = await exportFolder('markdown');
    expect(importArticleFolder(db, folder)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const file = join(folder, readdirSync(folder).sort()[2]!);
    writeFileSync(file, readFileSync(file, 'utf8').replace('valid for', 'good for'));
    const outcome = importArticleFolder(db, folder);
    expect(outcome).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(db.prepare('SELECT current_version FROM articles WHERE id = ?').pluck().get(articleIds[2])).toBe(2);
    undoBatch(db, outcome.batch);
    expect(db.prepare('SELECT current_version FROM articles WHERE id = ?').pluck().get(articleIds[2])).toBe(1);
  });

  it('imports hand-written Markdown (title from the first heading) and reports unreadable files by name', () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'gift-cards.md'), '# Gift cards\n\nGift cards never expire.\n');
    writeFileSync(join(folder, 'empty.md'), '---\ntitle: Nothing here\n---\n');
    writeFileSync(join(folder, 'notes.txt'), 'not an article');
    const db = freshWorkspace();
    const outcome = importArticleFolder(db, folder);
    expect(outcome).toMatchObject({ created: 1, skipped: [{ file: 'empty.md', reason: 'the article has no text' }] });
    expect(articlesOf(db)).toEqual([{ title: 'Gift cards', tags: [], body: 'Gift cards never expire.' }]);
  });

  it('a run that stopped mid-export finishes on the next one with one file per article', async () => {
    const kb = knowledgeBase(SAMPLE_ARTICLES);
    const folder = join(tempDir(), 'out');
    const target = new ExportTargets(kb.db, new FileSecretStore(tempDir())).add('markdown', { name: 'md', fields: { folder } });
    enqueueExport(kb.db, target.id, kb.articleIds);
    await expect(jobHere(exportJob, kb.db, { targetId: target.id }, {}, { during: 'commit', page: 4 })).rejects.toThrow(SimulatedCrash);
    expect(readdirSync(folder)).toHaveLength(2);
    expect(await jobHere(exportJob, kb.db, { targetId: target.id }, {})).toMatchObject({ created: 2, failed: 0 });
    expect(readdirSync(folder)).toHaveLength(3);
    expect(exportRecords(kb.db, { targetId: target.id }).map((r) => r.status)).toEqual(['done', 'done', 'done']);
  });

  it('asks before overwriting a file edited since the export', async () => {
    const { db, folder, articleIds, target, run } = await exportFolder('markdown');
    const file = join(folder, readdirSync(folder).sort()[0]!);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Take a photo', 'Take two photos'));
    editArticle(db, articleIds[0]!, { title: SAMPLE_ARTICLES[0]!.title, bodyMd: 'New text.' });
    expect(await run()).toMatchObject({ conflicts: 1 });
    expect(readFileSync(file, 'utf8')).toContain('Take two photos');
    const [conflict] = exportRecords(db, { targetId: target.id, articleId: articleIds[0] });
    expect(conflict).toMatchObject({ status: 'conflict', local: { body: 'New text.' } });
    expect(conflict!.remote!.body).toContain('Take two photos');
  });

  it('sanitizes HTML: no script, iframe, event handler or javascript: link; links and images kept', async () => {
    const { folder } = await exportFolder('html', [HOSTILE]);
    const page = readFileSync(join(folder, readdirSync(folder)[0]!), 'utf8');
    const body = page.slice(page.indexOf('<article>'));
    // every real tag is a harmless one, with no event handler and only web addresses
    const tags = [...body.matchAll(/<([a-z0-9]+)([^>]*)>/gi)];
    expect(tags.length).toBeGreaterThan(3);
    for (const [, name, attrs] of tags) {
      expect(['article', 'h1', 'p', 'a', 'img']).toContain(name!.toLowerCase());
      expect(attrs).not.toMatch(/\son\w+=/i);
      for (const [, url] of attrs!.matchAll(/(?:href|src)="([^"]*)"/g)) expect(url).toMatch(/^https:\/\//);
    }
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('<a href="https://acme.test/ok">fine</a>');
    expect(body).toContain('<img src="https://acme.test/logo.png" alt="logo">');
    expect(body).toContain('click me');
    expect(page).toContain('<title>Hostile &lt;b&gt;title&lt;/b&gt;</title>');
  });
});
