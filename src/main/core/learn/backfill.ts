import { prepareEvidence, redactionTotals, type Evidence } from '../draft/evidence';
import { extractiveDraft, findBoilerplate } from '../draft/extractive';
import { cosine } from '../embed/embedder';
import { fitIdf, LexicalEmbedder } from '../embed/lexical';
import type { DB } from '../db/open';
import { nowIso } from '../db/open';
import { inTransaction } from '../db/transaction';
import type { JobKindSpec } from '../jobs/context';
import { questionText } from '../text/clean';
import { isAccountSpecific } from './account-specific';
import { clusterItems, type Cluster } from './cluster';
import { insertDraft, loadEvidence } from './store';

export interface BackfillParams {
  /** How many of the most recent resolved tickets to learn from. */
  limit: number;
  /** A topic becomes a draft when it holds at least this many tickets from as many customers. */
  minTopicSize: number;
}

/** Tuned on the demo's ground truth for the built-in embedder (see the learning tests). */
export const CLUSTERING = { threshold: 0.45, answerWeight: 0.6 } as const;

function vectorize(evidence: Evidence[]): { id: number; question: Float32Array; answer: Float32Array }[] {
  const questions = evidence.map((e) => questionText(e.subject, e.question));
  const embedder = new LexicalEmbedder(fitIdf([...questions, ...evidence.map((e) => e.answer)]));
  return evidence.map((e, i) => ({ id: e.ticketId, question: embedder.embedOne(questions[i]!), answer: embedder.embedOne(e.answer) }));
}

/** The member closest to the cluster's centre: what the topic is about, in a customer's words. */
function representative(cluster: Cluster, vectors: Map<number, Float32Array>, evidence: Map<number, Evidence>): string {
  let best = cluster.members[0]!;
  let score = -2;
  for (const id of cluster.members) {
    const s = cosine(vectors.get(id)!, cluster.question);
    if (s > score) [best, score] = [id, s];
  }
  return evidence.get(best)!.question;
}

function distinctCustomers(members: Evidence[]): number {
  return new Set(members.map((e) => e.customerId ?? `ticket:${e.ticketId}`)).size;
}

/** Drops the suggestions of an earlier backfill that nobody has reviewed yet; reviewed work stays. */
function clearUnreviewedBackfill(db: DB): void {
  db.prepare(`DELETE FROM drafts WHERE status = 'suggested' AND topic_id IN (SELECT id FROM topics WHERE origin = 'backfill')`).run();
  db.prepare(`DELETE FROM topics WHERE origin = 'backfill' AND id NOT IN (SELECT topic_id FROM drafts WHERE topic_id IS NOT NULL)`).run();
}

interface ReviewedTopic {
  draftId: number;
  status: string;
  question: Float32Array;
  answer: Float32Array | null;
}

const vectorOf = (blob: Buffer | null) => (blob ? new Float32Array(Uint8Array.from(blob).buffer) : null);

/** Topics whose drafts a person has acted on: in review, approved, published or rejected. */
function reviewedTopics(db: DB): ReviewedTopic[] {
  const rows = db
    .prepare(
      `SELECT d.id, d.status, t.question_centroid, t.answer_centroid FROM drafts d JOIN topics t ON t.id = d.topic_id
       WHERE d.status != 'suggested' AND t.question_centroid IS NOT NULL`,
    )
    .all() as { id: number; status: string; question_centroid: Buffer; answer_centroid: Buffer | null }[];
  return rows.map((r) => ({ draftId: r.id, status: r.status, question: vectorOf(r.question_centroid)!, answer: vectorOf(r.answer_centroid) }));
}

function similarityTo(cluster: Cluster, topic: ReviewedTopic): number {
  const q = cosine(cluster.question, topic.question);
  if (!cluster.answer || !topic.answer) return q;
  return (1 - CLUSTERING.answerWeight) * q + CLUSTERING.answerWeight * cosine(cluster.answer, topic.answer);
}

/**
 * Historic backfill: the last N resolved tickets with a human answer are grouped by question
 * and answer, and each recurring topic becomes one full draft article. Casework (about one
 * order or account) is set aside; answers that disagree with the rest are kept out.
 */
export const backfillJob: JobKindSpec<BackfillParams, never> = {
  title: 'Learn from past tickets',
  resumable: false,
  async run(ctx) {
    const db = ctx.db;
    const { limit, minTopicSize } = ctx.params;
    ctx.progress(0, 4, 'Reading resolved tickets');
    const ids = db
      .prepare(
        `SELECT id FROM tickets t WHERE status IN ('solved', 'closed', 'resolved')
           AND EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.role = 'agent' AND m.public = 1)
         ORDER BY created_at DESC LIMIT ?`,
      )
      .pluck()
      .all(limit) as number[];
    const all = prepareEvidence(loadEvidence(db, ids));
    const casework = new Set(all.filter((e) => isAccountSpecific(e.answer)).map((e) => e.ticketId));
    const evidence = all.filter((e) => !casework.has(e.ticketId));
    ctx.throwIfCancelled();

    ctx.progress(1, 4, `Grouping ${evidence.length.toLocaleString('en-US')} tickets by question`);
    const items = vectorize(evidence);
    const clusters = clusterItems(items, CLUSTERING).sort((a, b) => b.members.length - a.members.length);
    const byId = new Map(evidence.map((e) => [e.ticketId, e]));
    const questionVectors = new Map(items.map((i) => [i.id, i.question]));
    const boilerplate = findBoilerplate(clusters.map((c) => c.members.map((id) => byId.get(id)!.answer)));
    ctx.throwIfCancelled();

    ctx.progress(2, 4, 'Drafting articles');
    let drafts = 0;
    let joined = 0;
    inTransaction(db, () => {
      clearUnreviewedBackfill(db);
      const reviewed = reviewedTopics(db);
      const now = nowIso();
      const insertTopic = db.prepare(
        `INSERT INTO topics (origin, label, representative, size, question_centroid, answer_centroid, created_at, updated_at) VALUES ('backfill', ?, ?, ?, ?, ?, ?, ?)`,
      );
      const member = db.prepare('INSERT INTO topic_tickets (topic_id, ticket_id, similarity, role) VALUES (?, ?, ?, ?)');
      for (const cluster of clusters) {
        const members = cluster.members.map((id) => byId.get(id)!);
        // a topic already on the board (in review, approved or rejected) is not suggested again:
        // its new evidence joins the draft in review, and a rejected one stays rejected
        const match = reviewed.find((r) => similarityTo(cluster, r) >= CLUSTERING.threshold);
        if (match) {
          if (match.status === 'in_review') {
            const add = db.prepare(`INSERT OR IGNORE INTO draft_evidence (draft_id, ticket_id, role) VALUES (?, ?, 'supporting')`);
            for (const e of members) add.run(match.draftId, e.ticketId);
          }
          joined++;
          continue;
        }
        const draft = extractiveDraft(members, boilerplate);
        const blob = (v: Float32Array | null) => (v ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : null);
        const topicId = Number(
          insertTopic.run(draft.title, representative(cluster, questionVectors, byId), members.length, blob(cluster.question), blob(cluster.answer), now, now).lastInsertRowid,
        );
        for (const e of members) {
          member.run(topicId, e.ticketId, cosine(questionVectors.get(e.ticketId)!, cluster.question), draft.outliers.includes(e.ticketId) ? 'outlier' : 'member');
        }
        const supporting = members.filter((e) => !draft.outliers.includes(e.ticketId));
        if (supporting.length < minTopicSize || distinctCustomers(supporting) < minTopicSize) continue;
        insertDraft(db, {
          topicId,
          title: draft.title,
          bodyMd: draft.bodyMd,
          drafter: 'extractive',
          redactions: redactionTotals(supporting),
          evidence: members.map((e) => ({ ticketId: e.ticketId, role: draft.outliers.includes(e.ticketId) ? 'outlier' : 'supporting' })),
        });
        drafts++;
      }
    });
    ctx.progress(4, 4, 'Done');
    const n = (x: number) => x.toLocaleString('en-US');
    const already = joined ? `, ${n(joined)} already on the board` : '';
    return {
      message: `${n(drafts)} draft articles from ${n(clusters.length)} topics in ${n(evidence.length)} tickets (${n(casework.size)} account-specific set aside${already})`,
      result: { tickets: evidence.length, topics: clusters.length, drafts, alreadyOnBoard: joined, accountSpecific: casework.size },
    };
  },
};
