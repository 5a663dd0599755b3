import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DraftStatus } from '../../src/shared/domain/draft';
import { getArticle, listArticles, editArticle, setArchived } from '../../src/main/core/kb/articles';
import { openDatabase, type DB } from '../../src/main/core/db/open';
import { insertDraft } from '../../src/main/core/learn/store';
import { getDraft, listDrafts } from '../../src/main/core/review/queries';
import { ReviewBoard } from '../../src/main/core/review/review';
import { TRANSITIONS } from '../../src/main/core/review/transitions';
import { undoBatch } from '../../src/main/core/review/undo';
import { AppError } from '../../src/shared/api/errors';
import { tempDir } from '../helpers/temp';

const ANSWERS = [
  'Open Settings, then Billing, then Download invoice.',
  'Go to Settings > Billing and press Download invoice.',
  'Settings, Billing, Download invoice: the PDF opens.',
];

/** A workspace with `n` tickets (a question and a human reply each) and helpers to put drafts on the board. */
function board(n = 8) {
  const db = openDatabase(join(tempDir(), 'w.db'), { create: true });
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO sources (id, kind, name, created_at) VALUES (1, 'file', 'test', ?)`).run(now);
  for (let i = 1; i <= n; i++) {
    db.prepare(
      `INSERT INTO tickets (id, source_id, external_id, subject, status, created_at, requester_id, ingested_at) VALUES (?, 1, ?, 'Invoice', 'solved', ?, ?, ?)`,
    ).run(i, `T${i}`, now, `c${i}`, now);
    db.prepare(`INSERT INTO messages (ticket_id, external_id, role, created_at, body) VALUES (?, 'q', 'customer', ?, ?)`).run(
      i,
      now,
      `Where do I download invoice number ${i}?`,
    );
    db.prepare(`INSERT INTO messages (ticket_id, external_id, role, created_at, body) VALUES (?, 'a', 'agent', ?, ?)`).run(
      i,
      now,
      ANSWERS[i % 3],
    );
  }
  const topic = (label: string) =>
    Number(
      db
        .prepare(`INSERT INTO topics (origin, label, representative, size, created_at, updated_at) VALUES ('backfill', ?, ?, 3, ?, ?)`)
        .run(label, label, now, now).lastInsertRowid,
    );
  const draft = (
    tickets: number[],
    extra: { kind?: 'new' | 'update' | 'stale' | 'conflict'; articleId?: number; baseVersion?: number; createdAt?: string } = {},
  ) =>
    insertDraft(
      db,
      {
        topicId: topic('Download an invoice'),
        kind: extra.kind ?? 'new',
        articleId: extra.articleId ?? null,
        baseVersion: extra.baseVersion ?? null,
        title: 'Download an invoice',
        bodyMd: '# Download an invoice\n\n1. Open Settings.\n2. Open Billing.',
        drafter: 'extractive',
        redactions: {},
        evidence: tickets.map((ticketId) => ({ ticketId, role: 'supporting' as const })),
      },
      extra.createdAt,
    );
  return { db, draft, review: new ReviewBoard(db) };
}

const statusOf = (db: DB, id: number) => db.prepare('SELECT status FROM drafts WHERE id = ?').pluck().get(id) as DraftStatus;
const count = (db: DB, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const conflictCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return 'no error';
};

describe('the review board state machine', () => {
  it('allows exactly the listed moves and refuses every other one', () => {
    const statuses = Object.keys(TRANSITIONS) as DraftStatus[];
    for (const from of statuses) {
      for (const to of ['suggested', 'in_review', 'published'] as const) {
        const { db, draft, review } = board(3);
        const id = draft([1, 2, 3]);
        db.prepare('UPDATE drafts SET status = ? WHERE id = ?').run(from, id);
        const legal = TRANSITIONS[from].includes(to);
        if (legal) {
          review.move([id], to);
          expect(statusOf(db, id), `${from} → ${to}`).toBe(to);
        } else {
          expect(
            conflictCode(() => review.move([id], to)),
            `${from} → ${to}`,
          ).toBe('CONFLICT');
          expect(statusOf(db, id)).toBe(from);
        }
      }
    }
    // approving and publishing skip no step: a suggestion cannot be published, an approved card not approved twice
    const { db, draft, review } = board(3);
    const id = draft([1, 2, 3]);
    expect(conflictCode(() => review.move([id], 'published'))).toBe('CONFLICT');
    review.approve([id]);
    expect(conflictCode(() => review.approve([id]))).toBe('CONFLICT');
    expect(conflictCode(() => review.reject([id], 'no'))).toBe('CONFLICT');
    expect(count(db, 'article_versions')).toBe(1);
  });

  it('approves in one transaction: the article, its version, the card and the audit row, or none of them', () => {
    const { db, draft, review } = board(3);
    const id = draft([1, 2, 3]);
    db.exec(`CREATE TRIGGER fail_audit BEFORE INSERT ON review_events BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => review.approve([id])).toThrow(/disk full/);
    expect([count(db, 'articles'), count(db, 'article_versions'), statusOf(db, id)]).toEqual([0, 0, 'suggested']);
    db.exec('DROP TRIGGER fail_audit');
    const outcome = review.approve([id]);
    expect(outcome.approved).toEqual([{ draftId: id, articleId: 1, version: 1 }]);
    const [event] = getDraft(db, id).history;
    expect(event).toMatchObject({ action: 'approve', actor: 'lead', batch: outcome.batch, articleId: 1, undone: false });
    expect(event!.before).toMatchObject({ draft: { status: 'suggested' }, article: null });
    expect(event!.after).toMatchObject({ draft: { status: 'approved', article_id: 1 }, version: 1 });
  });

  it('writes an audit row with the before and after of every action', () => {
    const { db, draft, review } = board(8);
    const a = draft([1, 2, 3]);
    const b = draft([4, 5, 6]);
    review.label([a], ['billing'], []);
    review.move([a], 'in_review');
    review.edit(a, { title: 'Download an invoice (PDF)', bodyMd: '# Download an invoice (PDF)\n\n1. Settings > Billing.' });
    review.merge(a, [b]);
    review.reject([a], 'Covered by the billing FAQ');
    const history = getDraft(db, a).history;
    expect(history.map((e) => e.action)).toEqual(['label', 'move', 'edit', 'merge', 'reject']);
    expect(history[0]!.after).toMatchObject({ draft: { labels: '["billing"]' } });
    expect(history[2]!.before).toMatchObject({ draft: { title: 'Download an invoice' } });
    expect(history[2]!.after).toMatchObject({ draft: { title: 'Download an invoice (PDF)' } });
    expect(history[4]).toMatchObject({ reason: 'Covered by the billing FAQ' });
    expect(getDraft(db, b).history.map((e) => e.action)).toEqual(['merge']);
  });

  it('merges evidence into one card and splits it out again; undo restores both', () => {
    const { db, draft, review } = board(8);
    const a = draft([1, 2, 3]);
    const b = draft([4, 5, 6]);
    const merged = review.merge(a, [b]);
    expect(getDraft(db, a).evidenceTicketIds.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(getDraft(db, b)).toMatchObject({ status: 'rejected', mergedInto: a, rejectReason: `Merged into #${a}` });
    expect(getDraft(db, a).status).toBe('in_review');

    const split = review.split(a, [5, 6]);
    const created = split.created!;
    expect(getDraft(db, a).evidenceTicketIds.sort()).toEqual([1, 2, 3, 4]);
    expect(getDraft(db, created)).toMatchObject({ status: 'in_review', kind: 'new', drafter: 'extractive' });
    expect(getDraft(db, created).evidenceTicketIds.sort()).toEqual([5, 6]);
    expect(getDraft(db, created).bodyMd).toMatch(/Billing/);
    // both halves have their own topic, so the learning loop keeps them apart
    const topics = db.prepare('SELECT topic_id FROM drafts WHERE id IN (?, ?)').pluck().all(a, created);
    expect(new Set(topics).size).toBe(2);
    expect(db.prepare('SELECT size FROM topics WHERE id = ?').pluck().get(topics[1])).toBe(2);

    // a split that would leave a card empty is refused
    expect(conflictCode(() => review.split(a, [1, 2, 3, 4]))).toBe('VALIDATION');

    undoBatch(db, split.batch);
    expect(db.prepare('SELECT 1 FROM drafts WHERE id = ?').get(created)).toBeUndefined();
    expect(getDraft(db, a).evidenceTicketIds.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    undoBatch(db, merged.batch);
    expect(getDraft(db, a).evidenceTicketIds.sort()).toEqual([1, 2, 3]);
    expect(getDraft(db, b)).toMatchObject({ status: 'suggested', mergedInto: null, rejectReason: null });
    expect(getDraft(db, a).status).toBe('suggested');
  });

  it('undoes the last action, approvals included, and refuses to undo over a later change', () => {
    const { db, draft, review } = board(6);
    const a = draft([1, 2, 3]);
    const b = draft([4, 5, 6]);
    const both = review.approve([a, b]);
    expect(listArticles(db)).toHaveLength(2);
    const undone = undoBatch(db); // the last batch: both approvals
    expect(undone).toMatchObject({ batch: both.batch, action: 'approve', undone: 2 });
    expect([statusOf(db, a), statusOf(db, b), count(db, 'articles'), count(db, 'article_versions')]).toEqual([
      'suggested',
      'suggested',
      0,
      0,
    ]);
    // the trail keeps the approval (marked undone) and the undo
    expect(getDraft(db, a).history.map((e) => [e.action, e.undone])).toEqual([
      ['approve', true],
      ['undo', false],
    ]);
    expect(conflictCode(() => undoBatch(db, both.batch))).toBe('CONFLICT');

    const rejected = review.reject([a], 'duplicate');
    review.move([a], 'in_review'); // restored by hand afterwards
    expect(conflictCode(() => undoBatch(db, rejected.batch))).toBe('CONFLICT');
    expect(statusOf(db, a)).toBe('in_review');
  });

  it('makes an update draft a new version of its article, and undo puts the old version back', () => {
    const { db, draft, review } = board(6);
    const first = draft([1, 2, 3]);
    const { articleId } = review.approve([first]).approved[0]!;
    const update = draft([4, 5, 6], { kind: 'update', articleId, baseVersion: 1 });
    db.prepare('UPDATE drafts SET title = ?, body_md = ? WHERE id = ?').run(
      'Download invoices',
      '# Download invoices\n\n1. Settings.\n2. Billing.\n3. Download all.',
      update,
    );
    const detail = getDraft(db, update);
    expect(detail.base).toMatchObject({ articleId, version: 1, title: 'Download an invoice' });
    const done = review.approve([update]);
    expect(done.approved[0]).toMatchObject({ articleId, version: 2 });
    expect(getArticle(db, articleId)).toMatchObject({ title: 'Download invoices', version: 2 });
    expect(getArticle(db, articleId).versions.map((v) => v.version)).toEqual([2, 1]);
    undoBatch(db);
    expect(getArticle(db, articleId)).toMatchObject({ title: 'Download an invoice', version: 1 });
    expect(statusOf(db, update)).toBe('suggested');
  });

  it('keeps conflict cards from approval until edited into one answer, and reports bulk failures per card', () => {
    const { db, draft, review } = board(6);
    const conflict = draft([1, 2, 3], { kind: 'conflict' });
    const fine = draft([4, 5, 6]);
    const outcome = review.approve([conflict, fine]);
    expect(outcome.changed).toEqual([fine]);
    expect(outcome.failed).toEqual([{ id: conflict, message: expect.stringMatching(/conflict/) }]);
    review.edit(conflict, { title: 'Download an invoice', bodyMd: '# Download an invoice\n\nOne answer.' });
    expect(getDraft(db, conflict)).toMatchObject({ kind: 'new', status: 'in_review' });
    expect(review.approve([conflict]).approved).toHaveLength(1);
  });

  it("counts the questions of an article's topic that a person still answered after it was approved", () => {
    const { db, draft, review } = board(4);
    const { articleId } = review.approve([draft([1, 2, 3])]).approved[0]!;
    const topicId = getArticle(db, articleId).topicId!;
    // approved on 1 March; the tickets below come after it
    db.prepare(`UPDATE article_versions SET created_at = '2026-03-01T09:00:00.000Z' WHERE article_id = ?`).run(articleId);
    const later = (day: number) => `2026-03-${String(day).padStart(2, '0')}T09:00:00.000Z`;
    const joined = (id: number, createdAt: string, handover: number) => {
      db.prepare(
        `INSERT INTO tickets (id, source_id, external_id, subject, status, created_at, requester_id, ingested_at, handover) VALUES (?, 1, ?, 'Invoice', 'solved', ?, 'c', ?, ?)`,
      ).run(id, `T${id}`, createdAt, createdAt, handover);
      db.prepare('INSERT INTO topic_tickets (topic_id, ticket_id) VALUES (?, ?)').run(topicId, id);
    };
    db.prepare(`UPDATE tickets SET handover = 1, created_at = '2026-02-20T09:00:00.000Z'`).run(); // the evidence: handed over before
    for (const id of [1, 2, 3]) db.prepare('INSERT OR IGNORE INTO topic_tickets (topic_id, ticket_id) VALUES (?, ?)').run(topicId, id);
    expect(listArticles(db)[0]!.handedOverSince).toBe(0);
    joined(20, later(2), 1);
    joined(21, later(3), 1);
    joined(22, later(4), 0); // the AI agent answered this one
    expect(listArticles(db)[0]!.handedOverSince).toBe(2);
    // a chat has no subject: its line is what it asks
    db.prepare('UPDATE tickets SET subject = NULL WHERE id = 21').run();
    db.prepare(
      `INSERT INTO messages (ticket_id, external_id, role, created_at, body) VALUES (21, 'q', 'customer', ?, 'Where is my March invoice?')`,
    ).run(later(3));
    expect(getArticle(db, articleId).handedOver.map((t) => [t.externalId, t.subject])).toEqual([
      ['T21', 'Where is my March invoice?'],
      ['T20', 'Invoice'],
    ]);
    // a new version (today) starts the count again
    editArticle(db, articleId, { title: 'Invoices', bodyMd: '# Invoices\n\nSettings > Billing.' });
    expect(listArticles(db)[0]!.handedOverSince).toBe(0);
  });

  it('archives, restores and edits articles with an audit trail and undo', () => {
    const { db, draft, review } = board(3);
    const { articleId } = review.approve([draft([1, 2, 3])]).approved[0]!;
    setArchived(db, articleId, true);
    expect(listArticles(db, { status: 'active' })).toHaveLength(0);
    expect(listArticles(db, { status: 'archived' })).toHaveLength(1);
    undoBatch(db);
    expect(listArticles(db, { status: 'active' })).toHaveLength(1);
    const edit = editArticle(db, articleId, { title: 'Invoices', bodyMd: '# Invoices\n\nSettings > Billing.' });
    expect(edit.version).toBe(2);
    const article = getArticle(db, articleId);
    expect(article.history.map((e) => e.action)).toEqual(['approve', 'archive', 'undo', 'article_edit']);
    expect(listArticles(db, { query: 'billing' })).toHaveLength(1);
    expect(listArticles(db, { query: 'refund' })).toHaveLength(0);
    undoBatch(db);
    expect(getArticle(db, articleId)).toMatchObject({ title: 'Download an invoice', version: 1 });
  });

  it('lists an approved card by when it was approved, so the last approval tops its column', () => {
    const { draft, review, db } = board(6);
    const older = draft([1, 2, 3], { createdAt: '2026-01-05T09:00:00.000Z' });
    const newer = draft([4, 5, 6], { createdAt: '2026-01-06T09:00:00.000Z' });
    const ids = () => listDrafts(db, {}).map((d) => d.id);
    expect(ids()).toEqual([newer, older]);
    review.approve([older]);
    expect(ids()).toEqual([older, newer]);
    undoBatch(db);
    expect(ids()).toEqual([newer, older]);
  });

  it('filters the board by column, kind, label and words', () => {
    const { draft, review, db } = board(6);
    const a = draft([1, 2, 3]);
    const b = draft([4, 5, 6], { kind: 'conflict' });
    review.label([a], ['billing', 'q4'], []);
    expect(listDrafts(db, { label: 'billing' }).map((d) => d.id)).toEqual([a]);
    expect(listDrafts(db, { kind: 'conflict' }).map((d) => d.id)).toEqual([b]);
    expect(listDrafts(db, { query: `#${b}` }).map((d) => d.id)).toEqual([b]);
    expect(listDrafts(db, { query: 'billing invoice' })).toHaveLength(2);
    expect(listDrafts(db, { query: '100%' })).toHaveLength(0);
    expect(listDrafts(db, { status: 'suggested' })).toHaveLength(2);
    expect(listDrafts(db, {}).find((d) => d.id === a)!.labels).toEqual(['billing', 'q4']);
  });
});
