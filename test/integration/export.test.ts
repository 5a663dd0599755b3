import { afterEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/main/core/db/open';
import { exportJob, retryDelayMs } from '../../src/main/core/export/job';
import { enqueueExport, exportRecords, keepRemote, planExport } from '../../src/main/core/export/queue';
import { ExportTargets } from '../../src/main/core/export/targets';
import { editArticle } from '../../src/main/core/kb/articles';
import { listDrafts } from '../../src/main/core/review/queries';
import { FileSecretStore } from '../../src/main/core/secrets/store';
import type { HelpCenterKind } from '../../src/shared/domain/export';
import { startMockHelpCenter, type MockHelpCenter } from '../helpers/help-centers';
import { knowledgeBase, SAMPLE_ARTICLES } from '../helpers/kb';
import { jobHere, SimulatedCrash } from '../helpers/sync';
import { tempDir } from '../helpers/temp';

const mocks: MockHelpCenter[] = [];
afterEach(async () => {
  while (mocks.length) await mocks.pop()!.close();
});

async function setup(kind: HelpCenterKind, articles = SAMPLE_ARTICLES) {
  const mock = await startMockHelpCenter(kind);
  mocks.push(mock);
  const kb = knowledgeBase(articles);
  const targets = new ExportTargets(kb.db, new FileSecretStore(tempDir()));
  const target = targets.add(kind, { name: `Mock ${kind}`, fields: mock.fields, secrets: mock.secrets, baseUrl: mock.url });
  const run = (secrets = mock.secrets) => jobHere(exportJob, kb.db, { targetId: target.id }, secrets);
  return { ...kb, mock, target, targets, run };
}

const rows = (db: DB) =>
  db.prepare('SELECT article_id, status, external_id, external_url, exported_version, error FROM exports ORDER BY article_id').all() as {
    article_id: number;
    status: string;
    external_id: string | null;
    external_url: string | null;
    exported_version: number | null;
    error: string | null;
  }[];

/** The create request each help center must receive for the first sample article, field for field. */
function expectedCreate(kind: HelpCenterKind, html: string) {
  const title = SAMPLE_ARTICLES[0]!.title;
  switch (kind) {
    case 'zendesk':
      return {
        method: 'POST',
        path: '/help_center/sections/360001/articles.json',
        body: {
          article: {
            title,
            body: html,
            locale: 'en-us',
            permission_group_id: 77,
            user_segment_id: null,
            draft: false,
            label_names: ['damage', 'returns'],
          },
        },
      };
    case 'intercom':
      return {
        method: 'POST',
        path: '/articles',
        body: { title, body: html, author_id: 991, state: 'published', parent_id: 5001, parent_type: 'collection' },
      };
    case 'freshdesk':
      return {
        method: 'POST',
        path: '/solutions/folders/4401/articles',
        body: { title, description: html, status: 2, tags: ['damage', 'returns'] },
      };
    case 'helpscout':
      return {
        method: 'POST',
        path: '/articles',
        body: { collectionId: '5e1c0000000000000000000a', name: title, text: html, status: 'published', keywords: ['damage', 'returns'] },
      };
  }
}

/** How each help center says who is calling. */
function expectAuth(kind: HelpCenterKind, headers: Record<string, unknown>) {
  const auth = String(headers.authorization);
  const decoded = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString() : null;
  if (kind === 'zendesk') expect(decoded).toBe('lead@acme.test/token:zd-guide-token');
  if (kind === 'freshdesk') expect(decoded).toBe('fd-solutions-key:X');
  if (kind === 'helpscout') expect(decoded).toBe('hs-docs-key:X');
  if (kind === 'intercom') {
    expect(auth).toBe('Bearer ic-articles-token');
    expect(headers['intercom-version']).toBe('2.11');
  }
}

const KINDS: HelpCenterKind[] = ['zendesk', 'intercom', 'freshdesk', 'helpscout'];

describe.each(KINDS)('export to %s', (kind) => {
  it('creates each article once with the exact request, then updates only what changed, never duplicating', async () => {
    const { db, articleIds, mock, target, run } = await setup(kind);
    expect(planExport(db, target.id, articleIds).map((p) => p.action)).toEqual(['create', 'create', 'create']);
    expect(enqueueExport(db, target.id, articleIds)).toBe(3);
    const first = await run();
    expect(first).toMatchObject({ created: 3, updated: 0, failed: 0 });

    const creates = mock.requests.filter((r) => r.method === 'POST');
    expect(creates).toHaveLength(3);
    const sent = creates[0]!.body!;
    const html = String(kind === 'zendesk' ? (sent.article as { body: string }).body : (sent.body ?? sent.description ?? sent.text));
    expect(html).toContain('<ol>');
    expect(html).toContain('<a href="https://acme.test/returns" title="Returns">the returns policy</a>');
    expect(html).toContain('<img src="https://acme.test/img/return.png" alt="Where to click">');
    const want = expectedCreate(kind, html);
    expect({ method: creates[0]!.method, path: creates[0]!.path, body: creates[0]!.body }).toEqual(want);
    expectAuth(kind, creates[0]!.headers);
    expect(mock.articles.size).toBe(3);
    // the help center shows the title itself: the draft's opening "# title" is not repeated in the body
    const reset = [...mock.articles.values()].find((a) => a.title === 'Reset your password')!;
    expect(reset.body).toBe(
      '<p>Use <strong>Forgot password</strong> on the sign-in page. The link is valid for <code>24 hours</code>.</p>\n',
    );
    for (const r of rows(db)) {
      expect(r.status).toBe('done');
      expect(mock.articles.has(r.external_id!)).toBe(true);
      expect(r.external_url).toMatch(/^https:\/\//);
    }

    // nothing changed: the dry run skips everything and an export sends no write
    expect(planExport(db, target.id, articleIds).map((p) => p.action)).toEqual(['skip', 'skip', 'skip']);
    expect(enqueueExport(db, target.id, articleIds)).toBe(0);

    // the lead edits one article: exactly one update, no create
    editArticle(db, articleIds[1]!, {
      title: SAMPLE_ARTICLES[1]!.title,
      bodyMd: 'You can change the address until the parcel ships, in **Orders**.',
    });
    expect(planExport(db, target.id, articleIds).map((p) => p.action)).toEqual(['skip', 'update', 'skip']);
    const before = mock.requests.length;
    enqueueExport(db, target.id, articleIds);
    expect(await run()).toMatchObject({ created: 0, updated: 1 });
    const writes = mock.requests.slice(before).filter((r) => r.method !== 'GET');
    expect(writes.every((r) => r.method === 'PUT')).toBe(true);
    expect(mock.articles.size).toBe(3);
    const stored = mock.articles.get(rows(db)[1]!.external_id!)!;
    expect(stored.body).toContain('in <strong>Orders</strong>');
    expect(rows(db)[1]!.exported_version).toBe(2);
  });

  it('notices an edit made in the help center, shows both sides, and overwrites only when told', async () => {
    const { db, articleIds, mock, target, run } = await setup(kind);
    enqueueExport(db, target.id, articleIds);
    await run();
    const externalId = rows(db)[0]!.external_id!;
    mock.editRemotely(externalId, { body: '<p>Call us instead, we fix it by phone.</p>' });
    editArticle(db, articleIds[0]!, { title: SAMPLE_ARTICLES[0]!.title, bodyMd: 'Take a photo, then open **Orders** → *Return*.' });

    enqueueExport(db, target.id, articleIds);
    expect(await run()).toMatchObject({ conflicts: 1, updated: 0 });
    expect(mock.articles.get(externalId)!.body).toBe('<p>Call us instead, we fix it by phone.</p>');
    const [conflict] = exportRecords(db, { targetId: target.id }).filter((r) => r.status === 'conflict');
    expect(conflict!.remote!.body).toBe('Call us instead, we fix it by phone.');
    expect(conflict!.local!.body).toContain('Take a photo, then open Orders');

    enqueueExport(db, target.id, [articleIds[0]!], { overwrite: [articleIds[0]!] });
    expect(await run()).toMatchObject({ updated: 1, conflicts: 0 });
    expect(mock.articles.get(externalId)!.body).toContain('Take a photo, then open <strong>Orders</strong>');
    expect(mock.articles.size).toBe(3);
  });

  it('waits out a 429 (Retry-After) and retries a 500, then succeeds', async () => {
    const { db, articleIds, mock, target, run } = await setup(kind, SAMPLE_ARTICLES.slice(0, 1));
    mock.failNext(
      { status: 429, headers: { 'retry-after': '1' }, body: { error: 'Too many requests' } },
      { status: 500, body: { error: 'Internal Server Error' } },
    );
    enqueueExport(db, target.id, articleIds);
    const started = Date.now();
    expect(await run()).toMatchObject({ created: 1, failed: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(mock.requests.map((r) => r.status)).toEqual([429, 500, kind === 'intercom' ? 200 : 201]);
    expect(mock.articles.size).toBe(1);
  });

  it('reports a validation error on the article it concerns; the others go ahead', async () => {
    const { db, articleIds, mock, target, run } = await setup(kind);
    const refusal = {
      zendesk: {
        status: 422,
        body: {
          error: 'RecordInvalid',
          description: 'Record validation errors',
          details: { body: [{ description: 'Body: is too long' }] },
        },
      },
      intercom: { status: 400, body: { type: 'error.list', errors: [{ code: 'parameter_invalid', message: 'Body is too long' }] } },
      freshdesk: {
        status: 400,
        body: { description: 'Validation failed', errors: [{ field: 'description', message: 'Body is too long', code: 'invalid_value' }] },
      },
      helpscout: { status: 400, body: { code: 400, error: 'Body is too long' } },
    }[kind];
    mock.failNext(refusal);
    enqueueExport(db, target.id, articleIds);
    expect(await run()).toMatchObject({ created: 2, failed: 1 });
    const failed = rows(db).filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toMatch(/rejected the request \(HTTP 4\d\d\):.*too long/i);
    expect(mock.articles.size).toBe(2);
  });

  it('a run that stopped after a create but before storing its answer adopts that article on the next run: no twin', async () => {
    const { db, articleIds, mock, target } = await setup(kind);
    enqueueExport(db, target.id, articleIds);
    // commit 1 marks the create, the create is sent, commit 2 (its answer) dies with the process
    await expect(jobHere(exportJob, db, { targetId: target.id }, mock.secrets, { during: 'commit', page: 2 })).rejects.toThrow(
      SimulatedCrash,
    );
    expect(mock.articles.size).toBe(1);
    expect(rows(db).every((r) => r.external_id === null)).toBe(true);

    expect(await jobHere(exportJob, db, { targetId: target.id }, mock.secrets)).toMatchObject({ created: 3, failed: 0 });
    expect(mock.articles.size).toBe(3);
    expect(new Set(rows(db).map((r) => r.external_id)).size).toBe(3);
    expect(mock.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
  });

  it('stops at refused credentials: every queued article says why, one request was sent', async () => {
    const { db, articleIds, mock, target, run } = await setup(kind);
    enqueueExport(db, target.id, articleIds);
    const wrong = Object.fromEntries(Object.keys(mock.secrets).map((k) => [k, 'wrong']));
    expect(await run(wrong)).toMatchObject({ created: 0, failed: 3 });
    expect(mock.requests).toHaveLength(1);
    for (const r of rows(db)) expect(r.error).toMatch(/refused the credentials \(401\)/);
  });
});

describe('export queue', () => {
  it('waits while offline and retries with backoff, then finishes without duplicates', async () => {
    const { db, articleIds, mock, target, run } = await setup('zendesk');
    mock.offline = true;
    enqueueExport(db, target.id, articleIds);
    const summary = await run();
    expect(summary).toMatchObject({ created: 0, failed: 0, waiting: 3 });
    const waiting = exportRecords(db, { targetId: target.id });
    expect(waiting.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(waiting.find((r) => r.attempts === 1)!.error).toMatch(/Cannot reach Zendesk Guide/);
    const next = Date.parse(waiting[0]!.nextAttemptAt!);
    expect(next - Date.now()).toBeGreaterThan(50_000);

    // nothing is due yet: a run now sends nothing
    mock.offline = false;
    const before = mock.requests.length;
    expect(await run()).toMatchObject({ created: 0, waiting: 0 });
    expect(mock.requests.length).toBe(before);

    db.prepare(`UPDATE exports SET next_attempt_at = ?`).run(new Date(Date.now() - 1000).toISOString());
    expect(await run()).toMatchObject({ created: 3 });
    expect(mock.articles.size).toBe(3);
    expect(retryDelayMs(1)).toBe(60_000);
    expect(retryDelayMs(2)).toBe(120_000);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });

  it('creates an article again when it was deleted in the help center', async () => {
    const { db, articleIds, mock, target, run } = await setup('intercom', SAMPLE_ARTICLES.slice(0, 1));
    enqueueExport(db, target.id, articleIds);
    await run();
    const first = rows(db)[0]!.external_id!;
    mock.deleteRemotely(first);
    editArticle(db, articleIds[0]!, { title: 'Return a damaged lens', bodyMd: 'Photo first, then **Orders**.' });
    enqueueExport(db, target.id, articleIds);
    expect(await run()).toMatchObject({ created: 1 });
    expect(rows(db)[0]!.external_id).not.toBe(first);
    expect(mock.articles.size).toBe(1);
  });

  it('leaves a help-center edit in place when the lead says so, and exports the next version as usual', async () => {
    const { db, articleIds, mock, target, run } = await setup('freshdesk', SAMPLE_ARTICLES.slice(0, 1));
    enqueueExport(db, target.id, articleIds);
    await run();
    const id = rows(db)[0]!.external_id!;
    mock.editRemotely(id, { title: 'Damaged lens? Here is how' });
    editArticle(db, articleIds[0]!, { title: 'Return a damaged lens', bodyMd: 'v2' });
    enqueueExport(db, target.id, articleIds);
    await run();
    expect(rows(db)[0]!.status).toBe('conflict');
    keepRemote(db, target.id, articleIds[0]!);
    expect(rows(db)[0]!.status).toBe('done');
    expect(planExport(db, target.id, articleIds)[0]!.action).toBe('skip');
    expect(mock.articles.get(id)!.title).toBe('Damaged lens? Here is how');

    editArticle(db, articleIds[0]!, { title: 'Return a damaged lens', bodyMd: 'v3' });
    enqueueExport(db, target.id, articleIds);
    expect(await run()).toMatchObject({ updated: 1, conflicts: 0 });
    expect(mock.articles.get(id)!.title).toBe('Return a damaged lens');
  });

  it('publishes approved cards: each moves to Published with its link once exported', async () => {
    const { db, articleIds, draftIds, target, run } = await setup('zendesk', SAMPLE_ARTICLES.slice(0, 2));
    enqueueExport(db, target.id, articleIds, { drafts: new Map(articleIds.map((a, i) => [a, draftIds[i]!])), includeUnchanged: true });
    await run();
    const cards = listDrafts(db, {});
    expect(cards.map((c) => c.status)).toEqual(['published', 'published']);
    for (const c of cards) expect(c.publishedUrl).toMatch(/^https:\/\/acme\.zendesk\.com\/hc\/en-us\/articles\/\d+$/);
  });

  it('refuses to queue an archived article', async () => {
    const { db, articleIds, target } = await setup('helpscout', SAMPLE_ARTICLES.slice(0, 1));
    db.prepare(`UPDATE articles SET status = 'archived'`).run();
    expect(planExport(db, target.id, articleIds)[0]).toMatchObject({ action: 'skip', reason: expect.stringMatching(/archived/) });
    expect(enqueueExport(db, target.id, articleIds)).toBe(0);
  });

  it('fails a Help Scout article whose name is taken in the collection, with Help Scout’s words', async () => {
    const twins = [SAMPLE_ARTICLES[0]!, { ...SAMPLE_ARTICLES[2]!, title: SAMPLE_ARTICLES[0]!.title }];
    const { db, articleIds, target, run } = await setup('helpscout', twins);
    enqueueExport(db, target.id, articleIds);
    expect(await run()).toMatchObject({ created: 1, failed: 1 });
    expect(rows(db)[1]!.error).toMatch(/name already exists/);
  });
});
