import type { Evidence } from '../draft/evidence';
import { linkEgress } from '../privacy/egress';
import { redactionTotals } from '../draft/evidence';
import { extractiveDraft, findBoilerplate, findConsensus, type DraftContent } from '../draft/extractive';
import { parseAnswer, stepKey } from '../draft/steps';
import { cosine } from '../embed/embedder';
import { fitIdf, LexicalEmbedder } from '../embed/lexical';
import type { DB } from '../db/open';
import { nowIso } from '../db/open';
import { inTransaction } from '../db/transaction';
import { questionText } from '../text/clean';
import { clusterItems, type Cluster } from './cluster';
import { insertDraft } from './store';

/** Tuned on the demo's ground truth for the built-in embedder (see the learning tests). */
export const CLUSTERING = { threshold: 0.45, answerWeight: 0.6 } as const;

/** Groups evidence by question and answer, with vectors fitted on this very evidence. */
export function clusterEvidence(evidence: Evidence[]): { clusters: Cluster[]; questionVectors: Map<number, Float32Array> } {
  const questions = evidence.map((e) => questionText(e.subject, e.question));
  const embedder = new LexicalEmbedder(fitIdf([...questions, ...evidence.map((e) => e.answer)]));
  const items = evidence.map((e, i) => ({ id: e.ticketId, question: embedder.embedOne(questions[i]!), answer: embedder.embedOne(e.answer) }));
  const clusters = clusterItems(items, CLUSTERING).sort((a, b) => b.members.length - a.members.length);
  return { clusters, questionVectors: new Map(items.map((i) => [i.id, i.question])) };
}

interface BoardTopic {
  draftId: number;
  status: string;
  articleId: number | null;
  question: Float32Array;
  answer: Float32Array | null;
  /** For a rejected card: the tickets it was rejected with (new evidence beyond them may bring it back). */
  rejectedWith: Set<number> | null;
}

const vectorOf = (blob: Buffer | null) => (blob ? new Float32Array(Uint8Array.from(blob).buffer) : null);
const blobOf = (v: Float32Array | null) => (v ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : null);

/** A suggestion the lead has done something to (labelled it, say) is theirs now: learning leaves it be. */
const TOUCHED = 'EXISTS (SELECT 1 FROM review_events r WHERE r.draft_id = d.id)';

/**
 * Drafts this run keeps: those a person has acted on (in review, approved, published, rejected,
 * or touched), and the suggestions of the other way in (backfill or the continuous loop). A card
 * merged into another stands for the card it was merged into.
 */
function boardTopics(db: DB, origin: string): BoardTopic[] {
  const rows = db
    .prepare(
      `SELECT coalesce(m.id, d.id) AS id, coalesce(m.status, d.status) AS status, coalesce(m.article_id, d.article_id) AS article_id,
         t.question_centroid, t.answer_centroid,
         CASE WHEN d.status = 'rejected' AND d.merged_into IS NULL THEN (SELECT json_group_array(ticket_id) FROM draft_evidence WHERE draft_id = d.id) END AS rejected_with
       FROM drafts d JOIN topics t ON t.id = d.topic_id LEFT JOIN drafts m ON m.id = d.merged_into
       WHERE (d.status != 'suggested' OR t.origin != ? OR ${TOUCHED}) AND t.question_centroid IS NOT NULL`,
    )
    .all(origin) as { id: number; status: string; article_id: number | null; question_centroid: Buffer; answer_centroid: Buffer | null; rejected_with: string | null }[];
  return rows.map((r) => ({
    draftId: r.id,
    status: r.status,
    articleId: r.article_id,
    question: vectorOf(r.question_centroid)!,
    answer: vectorOf(r.answer_centroid),
    rejectedWith: r.rejected_with ? new Set(JSON.parse(r.rejected_with) as number[]) : null,
  }));
}

function similarityTo(cluster: Cluster, topic: BoardTopic): number {
  const q = cosine(cluster.question, topic.question);
  if (!cluster.answer || !topic.answer) return q;
  return (1 - CLUSTERING.answerWeight) * q + CLUSTERING.answerWeight * cosine(cluster.answer, topic.answer);
}

function distinctCustomers(members: Evidence[]): number {
  return new Set(members.map((e) => e.customerId ?? `ticket:${e.ticketId}`)).size;
}

/** The answers that came after the others: a change of answer over time, not a disagreement. */
function isNewer(later: Evidence[], earlier: Evidence[]): boolean {
  const times = earlier.map((e) => e.createdAt).sort();
  const cut = times[Math.floor(times.length * 0.8)] ?? '';
  return later.filter((e) => e.createdAt > cut).length >= later.length * 0.8;
}

export interface DraftingOutcome {
  topics: number;
  drafts: number;
  conflicts: number;
  alreadyOnBoard: number;
  /** Update and stale drafts for approved articles. */
  articleChanges: number;
}

/** Writes a draft's text from its (redacted) evidence; the extractive draft is always at hand. */
/** Writes a draft from redacted evidence; `egress` lists the log rows of the model calls it made. */
export type Drafter = (evidence: Evidence[], extractive: DraftContent) => Promise<DraftContent & { drafter: string; egress?: number[] }>;

export const extractiveDrafter: Drafter = async (_evidence, extractive) => ({ ...extractive, drafter: 'extractive' });

/** An article whose answer the same question now gets differently: the current version and its steps. */
interface ArticleState {
  id: number;
  version: number;
  steps: Set<string>;
}

function articleState(db: DB, articleId: number): ArticleState | null {
  const row = db
    .prepare(`SELECT v.version, v.body_md FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version WHERE a.id = ? AND a.status = 'active'`)
    .get(articleId) as { version: number; body_md: string } | undefined;
  return row ? { id: articleId, version: row.version, steps: new Set(parseAnswer(row.body_md).steps.map(stepKey)) } : null;
}

/** Questions this close are the same question, whatever the answers now say (to catch a stale article). */
const SAME_QUESTION = 0.6;

interface Plan {
  cluster: Cluster;
  joinDraft: number | null;
  joined: boolean;
  members: Evidence[];
  setAside: Set<number>;
  kind: 'new' | 'conflict' | 'update' | 'stale';
  article: ArticleState | null;
  dissent: Evidence[];
  extractive: DraftContent;
  drafted: boolean;
}

/**
 * Turns clusters into topics, and recurring topics into drafts. This origin's suggestions
 * nobody has looked at yet are made afresh each time; a topic that already has a draft is not
 * suggested again (its new evidence joins an open draft; a rejected topic stays rejected).
 * Answers that disagree with the rest are set aside; when many agree with each other instead,
 * the topic becomes a conflict card, unless they are simply the newer answer, which then wins.
 * Drafting (perhaps a slow LLM) happens outside any transaction; the writes are one transaction.
 */
export async function draftClusters(
  db: DB,
  origin: 'backfill' | 'correction',
  clusters: Cluster[],
  evidence: Evidence[],
  questionVectors: Map<number, Float32Array>,
  minSize: number,
  drafter: Drafter = extractiveDrafter,
  onDraft?: (done: number, total: number) => void,
): Promise<DraftingOutcome> {
  const onBoard = boardTopics(db, origin);
  const byId = new Map(evidence.map((e) => [e.ticketId, e]));
  const boilerplate = findBoilerplate(clusters.map((c) => c.members.map((id) => byId.get(id)!.answer)));

  const plans: Plan[] = clusters.map((cluster) => {
    let members = cluster.members.map((id) => byId.get(id)!);
    // a rejected topic stays rejected, unless as many new tickets as the threshold ask it again
    const stillRejected = (t: BoardTopic) => !t.rejectedWith || cluster.members.filter((id) => !t.rejectedWith!.has(id)).length < minSize;
    const match =
      onBoard.find((t) => similarityTo(cluster, t) >= CLUSTERING.threshold && stillRejected(t)) ??
      onBoard.find((t) => t.articleId !== null && cosine(cluster.question, t.question) >= SAME_QUESTION);
    const article = match?.articleId ? articleState(db, match.articleId) : null;
    // a second answer many give: a conflict to decide, or simply the newer answer
    const alternative = new Set(findConsensus(members, boilerplate).alternative ?? []);
    const dissent = members.filter((e) => alternative.has(e.ticketId));
    let kind: Plan['kind'] = 'new';
    let superseded: Evidence[] = [];
    if ((!match || article) && dissent.length >= minSize) {
      const rest = members.filter((e) => !alternative.has(e.ticketId));
      if (isNewer(dissent, rest)) {
        superseded = rest;
        members = dissent;
      } else if (!isNewer(rest, dissent)) kind = 'conflict';
    }
    const extractive = extractiveDraft(members, boilerplate);
    const setAside = new Set([...extractive.outliers, ...superseded.map((e) => e.ticketId)]);
    const supporting = members.filter((e) => !setAside.has(e.ticketId));
    const enough = supporting.length >= minSize && distinctCustomers(supporting) >= minSize;
    // against an approved article: the team now answers differently (stale), or adds to it (update)
    let changesArticle = false;
    if (article && kind !== 'conflict' && enough) {
      const steps = new Set(parseAnswer(extractive.bodyMd).steps.map(stepKey));
      const shared = [...steps].filter((k) => article.steps.has(k)).length;
      const overlap = shared / (steps.size + article.steps.size - shared || 1);
      if (overlap < 0.5) [kind, changesArticle] = ['stale', true];
      else if ([...steps].some((k) => !article.steps.has(k))) [kind, changesArticle] = ['update', true];
    }
    const drafted = changesArticle || (!match && (kind === 'conflict' || enough));
    return {
      cluster,
      joinDraft: match && (match.status === 'in_review' || match.status === 'suggested') ? match.draftId : null,
      joined: Boolean(match) && !changesArticle,
      article: changesArticle ? article : null,
      members,
      setAside,
      kind,
      dissent,
      extractive,
      drafted,
    };
  });

  const texts = new Map<Plan, DraftContent & { drafter: string; egress?: number[] }>();
  const toDraft = plans.filter((p) => p.drafted);
  for (const [i, plan] of toDraft.entries()) {
    const supporting = plan.members.filter((e) => !plan.setAside.has(e.ticketId));
    texts.set(
      plan,
      plan.kind === 'conflict'
        ? {
            ...plan.extractive,
            title: `Conflicting answers: ${plan.extractive.title}`,
            bodyMd: conflictBody(plan.extractive.bodyMd, extractiveDraft(plan.dissent, boilerplate).bodyMd),
            drafter: 'extractive',
          }
        : await drafter(supporting, plan.extractive),
    );
    onDraft?.(i + 1, toDraft.length);
  }

  return inTransaction(db, () => {
    db.prepare(`DELETE FROM drafts AS d WHERE d.status = 'suggested' AND NOT ${TOUCHED} AND d.topic_id IN (SELECT id FROM topics WHERE origin = ?)`).run(origin);
    db.prepare(`DELETE FROM topics WHERE origin = ? AND id NOT IN (SELECT topic_id FROM drafts WHERE topic_id IS NOT NULL)`).run(origin);
    const now = nowIso();
    const insertTopic = db.prepare(
      `INSERT INTO topics (origin, label, representative, size, question_centroid, answer_centroid, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const member = db.prepare('INSERT INTO topic_tickets (topic_id, ticket_id, similarity, role) VALUES (?, ?, ?, ?)');
    const join = db.prepare(`INSERT OR IGNORE INTO draft_evidence (draft_id, ticket_id, role) VALUES (?, ?, 'supporting')`);
    const outcome: DraftingOutcome = { topics: clusters.length, drafts: 0, conflicts: 0, alreadyOnBoard: 0, articleChanges: 0 };
    for (const plan of plans) {
      const { cluster } = plan;
      if (plan.joined) {
        if (plan.joinDraft !== null) for (const id of cluster.members) join.run(plan.joinDraft, id);
        outcome.alreadyOnBoard++;
        continue;
      }
      const text = texts.get(plan);
      const representative = [...cluster.members].sort((a, b) => cosine(questionVectors.get(b)!, cluster.question) - cosine(questionVectors.get(a)!, cluster.question))[0]!;
      const topicId = Number(
        insertTopic.run(origin, plan.extractive.title, byId.get(representative)!.question, cluster.members.length, blobOf(cluster.question), blobOf(cluster.answer), now, now).lastInsertRowid,
      );
      for (const id of cluster.members) member.run(topicId, id, cosine(questionVectors.get(id)!, cluster.question), plan.setAside.has(id) ? 'outlier' : 'member');
      if (!text) continue;
      const all = cluster.members.map((id) => byId.get(id)!);
      const draftId = insertDraft(db, {
        topicId,
        kind: plan.kind,
        articleId: plan.article?.id ?? null,
        baseVersion: plan.article?.version ?? null,
        title: text.title,
        bodyMd: text.bodyMd,
        drafter: text.drafter,
        redactions: redactionTotals(all),
        evidence: all.map((e) => ({
          ticketId: e.ticketId,
          role: plan.kind === 'conflict' ? (plan.dissent.includes(e) ? 'conflicting' : 'supporting') : plan.setAside.has(e.ticketId) ? 'outlier' : 'supporting',
        })),
      });
      linkEgress(db, text.egress, draftId);
      if (plan.kind === 'conflict') outcome.conflicts++;
      else if (plan.article) outcome.articleChanges++;
      else outcome.drafts++;
    }
    return outcome;
  });
}

function conflictBody(a: string, b: string): string {
  return ['Your team answers this question in two different ways. Decide which is right before it becomes an article.', '', '## One answer', '', a.replace(/^# .*\n/, ''), '## The other answer', '', b.replace(/^# .*\n/, '')].join('\n');
}
