import type { Evidence } from '../draft/evidence';
import { extractiveDraft, findBoilerplate, type DraftContent } from '../draft/extractive';
import type { DB } from '../db/open';
import { redactedEvidence } from './store';

/** A draft's supporting evidence, redacted: all a drafter may see. */
export function draftEvidence(db: DB, draftId: number): Evidence[] {
  const ids = db
    .prepare(`SELECT ticket_id FROM draft_evidence WHERE draft_id = ? AND role = 'supporting'`)
    .pluck()
    .all(draftId) as number[];
  return redactedEvidence(db, ids);
}

/**
 * Greetings and sign-offs the team puts in every answer, learned from a sample of the other
 * drafts' evidence (a draft made from one topic alone cannot tell them from the answer).
 */
export function workspaceBoilerplate(db: DB, exceptDraft: number | null = null): Set<string> {
  const sample = db
    .prepare(
      `SELECT draft_id, ticket_id FROM (
         SELECT e.draft_id, e.ticket_id, row_number() OVER (PARTITION BY e.draft_id ORDER BY e.ticket_id) AS n
         FROM draft_evidence e WHERE e.role = 'supporting' AND e.draft_id IN (SELECT id FROM drafts WHERE id IS NOT ? ORDER BY id DESC LIMIT 40)
       ) WHERE n <= 6`,
    )
    .all(exceptDraft) as { draft_id: number; ticket_id: number }[];
  const answers = new Map(
    redactedEvidence(
      db,
      sample.map((s) => s.ticket_id),
    ).map((e) => [e.ticketId, e.answer]),
  );
  const byDraft = new Map<number, string[]>();
  for (const s of sample) {
    const answer = answers.get(s.ticket_id);
    if (answer) byDraft.set(s.draft_id, [...(byDraft.get(s.draft_id) ?? []), answer]);
  }
  return findBoilerplate([...byDraft.values()]);
}

/** The no-LLM draft of some evidence, without the workspace's boilerplate. */
export function extractiveFor(db: DB, draftId: number, evidence: Evidence[]): DraftContent {
  return extractiveDraft(evidence, workspaceBoilerplate(db, draftId));
}
