import { AppError } from '../../../shared/api/errors';
import type { DraftKind, DraftStatus } from '../../../shared/domain/draft';
import type { DB } from '../db/open';
import { nowIso } from '../db/open';
import { isOpen } from './transitions';
import { redactionTotals, type Evidence } from '../draft/evidence';
import { insertDraft, type NewDraft } from '../learn/store';

/** The columns of a draft that review actions change, and that undo puts back. */
export const DRAFT_FIELDS = [
  'status',
  'kind',
  'title',
  'body_md',
  'drafter',
  'labels',
  'reject_reason',
  'approved_at',
  'article_id',
  'merged_into',
] as const;
export type DraftFields = {
  status: DraftStatus;
  kind: DraftKind;
  title: string;
  body_md: string;
  drafter: string;
  labels: string;
  reject_reason: string | null;
  approved_at: string | null;
  article_id: number | null;
  merged_into: number | null;
};

export interface DraftState extends DraftFields {
  id: number;
  topic_id: number | null;
  base_version: number | null;
}

export function draftState(db: DB, id: number): DraftState {
  const row = db.prepare(`SELECT id, topic_id, base_version, ${DRAFT_FIELDS.join(', ')} FROM drafts WHERE id = ?`).get(id) as
    DraftState | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no draft ${id}.`);
  return row;
}

export function fieldsOf(state: DraftFields): DraftFields {
  return Object.fromEntries(DRAFT_FIELDS.map((f) => [f, state[f]])) as DraftFields;
}

/** Writes the given columns (only known ones) and returns the draft's fields after the change. */
export function updateDraft(db: DB, id: number, change: Partial<DraftFields>): DraftFields {
  const columns = DRAFT_FIELDS.filter((f) => f in change);
  if (columns.length) {
    db.prepare(`UPDATE drafts SET ${columns.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(
      ...columns.map((c) => change[c] ?? null),
      nowIso(),
      id,
    );
  }
  return fieldsOf(draftState(db, id));
}

export function labelsOf(state: DraftFields): string[] {
  return JSON.parse(state.labels) as string[];
}

/** Labels as a draft keeps them: JSON, sorted, so two sets compare as strings. */
export function labelsJson(labels: Iterable<string>): string {
  return JSON.stringify([...labels].sort((a, b) => a.localeCompare(b)));
}

export function requireOpen(state: DraftState): void {
  if (!isOpen(state.status))
    throw new AppError('CONFLICT', `Draft ${state.id} is ${state.status.replace('_', ' ')}: only cards still under review can change.`);
}

/** A conflict card that the lead rewrote into one answer is an ordinary draft from then on. */
export function resolvedKind(state: DraftState): DraftKind {
  return state.kind === 'conflict' ? (state.article_id !== null ? 'update' : 'new') : state.kind;
}

/**
 * A card the lead made from tickets (split off a card, or started for a topic): a new article,
 * written without an LLM, in review. `evidence` is what it was written from (its redactions are
 * noted). Returns its id and its fields as the audit trail records them.
 */
export function insertCardInReview(
  db: DB,
  topicId: number,
  content: { title: string; bodyMd: string },
  evidence: Evidence[],
  roles: NewDraft['evidence'],
): { id: number; fields: DraftFields } {
  const id = insertDraft(db, {
    topicId,
    kind: 'new',
    title: content.title,
    bodyMd: content.bodyMd,
    drafter: 'extractive',
    redactions: redactionTotals(evidence),
    evidence: roles,
  });
  return { id, fields: updateDraft(db, id, { status: 'in_review' }) };
}
