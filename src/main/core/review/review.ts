import { AppError } from '../../../shared/api/errors';
import type { DraftStatus, ReviewOutcome } from '../../../shared/domain/draft';
import type { DB } from '../db/open';
import { nowIso } from '../db/open';
import { inTransaction } from '../db/transaction';
import { Batch } from './audit';
import { draftState, fieldsOf, labelsJson, labelsOf, requireOpen, resolvedKind, updateDraft } from './state';
import { splitOne } from './split';
import { startOne } from './start';
import { emptySection } from '../../../shared/sections';
import { assertTransition } from './transitions';

type CardAction = (batch: Batch, id: number, outcome: ReviewOutcome) => void;

/**
 * The review board's actions. Each call is one transaction and one audit batch; on several
 * cards, a card the action cannot apply to is reported and the others go ahead.
 */
export class ReviewBoard {
  constructor(
    private readonly db: DB,
    private readonly actor = 'lead',
  ) {}

  /** Runs `action` per card, each in its own savepoint, all in one transaction. */
  protected each(ids: number[], action: CardAction, finish?: (batch: Batch, outcome: ReviewOutcome) => void): ReviewOutcome {
    const outcome: ReviewOutcome = { batch: '', changed: [], failed: [], approved: [] };
    const errors: AppError[] = [];
    inTransaction(this.db, () => {
      const batch = new Batch(this.db, this.actor);
      outcome.batch = batch.id;
      for (const id of new Set(ids)) {
        try {
          this.db.transaction(() => action(batch, id, outcome))();
          outcome.changed.push(id);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          errors.push(error);
          outcome.failed.push({ id, message: error.message });
        }
      }
      if (outcome.changed.length) finish?.(batch, outcome);
    });
    if (outcome.changed.length === 0 && errors[0]) throw errors[0];
    return outcome;
  }

  /** Approves drafts: a new article (version 1), or a new version of the article an update or stale draft changes. */
  approve(ids: number[]): ReviewOutcome {
    return this.each(ids, (batch, id, outcome) => outcome.approved.push({ draftId: id, ...approveOne(this.db, batch, id) }));
  }

  /** Rejects drafts with a reason; the topic is not suggested again unless new evidence arrives. */
  reject(ids: number[], reason: string): ReviewOutcome {
    return this.each(ids, (batch, id) => {
      const before = draftState(this.db, id);
      assertTransition(id, before.status, 'rejected');
      const after = updateDraft(this.db, id, { status: 'rejected', reject_reason: reason });
      batch.record({
        draftId: id,
        articleId: before.article_id,
        action: 'reject',
        before: { draft: fieldsOf(before) },
        after: { draft: after },
        reason,
      });
    });
  }

  /** Moves cards between columns: In review, back to Suggested, a rejected card back to review, an approved one to Published. */
  move(ids: number[], to: Extract<DraftStatus, 'suggested' | 'in_review' | 'published'>): ReviewOutcome {
    return this.each(ids, (batch, id) => {
      const before = draftState(this.db, id);
      assertTransition(id, before.status, to);
      const change = before.status === 'rejected' ? { status: to, reject_reason: null, merged_into: null } : { status: to };
      const after = updateDraft(this.db, id, change);
      batch.record({
        draftId: id,
        articleId: before.article_id,
        action: to === 'published' ? 'publish' : before.status === 'rejected' ? 'restore' : 'move',
        before: { draft: fieldsOf(before) },
        after: { draft: after },
      });
    });
  }

  /** Edits a card's article; a conflict card edited into one answer becomes an ordinary draft. */
  edit(id: number, text: { title: string; bodyMd: string }): ReviewOutcome {
    return this.each([id], (batch) => {
      const before = draftState(this.db, id);
      requireOpen(before);
      const after = updateDraft(this.db, id, { title: text.title, body_md: text.bodyMd, kind: resolvedKind(before), status: 'in_review' });
      batch.record({
        draftId: id,
        articleId: before.article_id,
        action: 'edit',
        before: { draft: fieldsOf(before) },
        after: { draft: after },
      });
    });
  }

  /** Adds and removes labels on cards. */
  label(ids: number[], add: string[], remove: string[]): ReviewOutcome {
    return this.each(ids, (batch, id) => {
      const before = draftState(this.db, id);
      const labels = new Set(labelsOf(before));
      for (const l of add) labels.add(l);
      for (const l of remove) labels.delete(l);
      const next = labelsJson(labels);
      if (next === before.labels) throw new AppError('CONFLICT', `Draft ${id} has those labels already.`);
      const after = updateDraft(this.db, id, { labels: next });
      batch.record({
        draftId: id,
        articleId: before.article_id,
        action: 'label',
        before: { draft: fieldsOf(before) },
        after: { draft: after },
      });
    });
  }

  /**
   * Merges cards into one: their evidence joins the target, which keeps its article; the
   * merged cards go to Rejected, pointing at the target (new evidence for them joins it too).
   */
  merge(into: number, ids: number[]): ReviewOutcome {
    const sources = ids.filter((id) => id !== into);
    if (!sources.length) throw new AppError('VALIDATION', 'Pick at least one other card to merge into this one.');
    requireOpen(draftState(this.db, into));
    return this.each(
      sources,
      (batch, id) => {
        const source = draftState(this.db, id);
        requireOpen(source);
        const added = this.db
          .prepare(
            `INSERT OR IGNORE INTO draft_evidence (draft_id, ticket_id, correction_id, role)
             SELECT ?, ticket_id, correction_id, role FROM draft_evidence WHERE draft_id = ? RETURNING ticket_id`,
          )
          .pluck()
          .all(into, id) as number[];
        const after = updateDraft(this.db, id, { status: 'rejected', merged_into: into, reject_reason: `Merged into #${into}` });
        batch.record({
          draftId: id,
          articleId: source.article_id,
          action: 'merge',
          before: { draft: fieldsOf(source) },
          after: { draft: after, into, added },
        });
      },
      (batch, outcome) => {
        const before = draftState(this.db, into);
        const after = updateDraft(this.db, into, { status: 'in_review' });
        batch.record({
          draftId: into,
          articleId: before.article_id,
          action: 'merge',
          before: { draft: fieldsOf(before) },
          after: { draft: after, merged: outcome.changed },
        });
      },
    );
  }

  /** Replaces a card's article with a new draft of it (see the redraft job); undo brings the old text back. */
  redraft(id: number, text: { title: string; bodyMd: string; drafter: string }): ReviewOutcome {
    return this.each([id], (batch) => {
      const before = draftState(this.db, id);
      requireOpen(before);
      const after = updateDraft(this.db, id, {
        title: text.title,
        body_md: text.bodyMd,
        drafter: text.drafter,
        kind: resolvedKind(before),
        status: 'in_review',
      });
      batch.record({
        draftId: id,
        articleId: before.article_id,
        action: 'regenerate',
        before: { draft: fieldsOf(before) },
        after: { draft: after },
      });
    });
  }

  /** Starts a card for a topic still collecting evidence (see start.ts). */
  start(topicId: number): ReviewOutcome {
    return inTransaction(this.db, () => {
      const batch = new Batch(this.db, this.actor);
      const created = startOne(this.db, batch, topicId);
      return { batch: batch.id, changed: [created], failed: [], approved: [], created };
    });
  }

  /** Splits some of a card's tickets into a new card, drafted from them alone. */
  split(id: number, ticketIds: number[]): ReviewOutcome {
    return this.each([id], (batch, _id, outcome) => {
      outcome.created = splitOne(this.db, batch, id, ticketIds);
    });
  }
}

function approveOne(db: DB, batch: Batch, id: number): { articleId: number; version: number } {
  const draft = draftState(db, id);
  assertTransition(id, draft.status, 'approved');
  if (draft.kind === 'conflict') throw new AppError('CONFLICT', `Draft ${id} is a conflict: edit it into one answer before approving.`);
  const empty = emptySection(draft.body_md)?.title ?? null;
  if (empty !== null)
    throw new AppError('VALIDATION', `Draft ${id}’s “${empty}” section is empty: write it, or remove the heading, before approving.`);
  const now = nowIso();
  let articleId: number;
  let version: number;
  let previous: { title: string; current_version: number; status: string } | null = null;
  if (draft.article_id !== null) {
    articleId = draft.article_id;
    previous = db.prepare('SELECT title, current_version, status FROM articles WHERE id = ?').get(articleId) as typeof previous;
    if (!previous) throw new AppError('NOT_FOUND', `The article draft ${id} updates is gone.`);
    version =
      ((db.prepare('SELECT max(version) FROM article_versions WHERE article_id = ?').pluck().get(articleId) as number | null) ?? 0) + 1;
    db.prepare(`UPDATE articles SET title = ?, current_version = ?, status = 'active', updated_at = ? WHERE id = ?`).run(
      draft.title,
      version,
      now,
      articleId,
    );
  } else {
    articleId = Number(
      db
        .prepare('INSERT INTO articles (topic_id, title, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(draft.topic_id, draft.title, now, now).lastInsertRowid,
    );
    version = 1;
  }
  db.prepare(
    'INSERT INTO article_versions (article_id, version, title, body_md, tags, draft_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(articleId, version, draft.title, draft.body_md, draft.labels, id, batch.actor, now);
  const after = updateDraft(db, id, { status: 'approved', article_id: articleId, approved_at: now });
  batch.record({
    draftId: id,
    articleId,
    action: 'approve',
    before: { draft: fieldsOf(draft), article: previous },
    after: { draft: after, articleId, version },
  });
  return { articleId, version };
}
