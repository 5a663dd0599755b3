import { AppError } from '../../../shared/api/errors';
import type { DraftImpact } from '../../../shared/domain/metrics';
import type { DB } from '../db/open';
import { nextTurn } from '../next-turn';
import type { KnowledgeEntry, KnowledgeMatcher } from '../learn/matcher';
import { articleText, evidenceQuestions, loadQuestions, replayMatcher } from './replay';

/** How many recent AI-involved questions the impact preview replays. */
const RECENT_QUESTIONS = 2500;

interface Entry extends KnowledgeEntry {
  /** The article it is (or replaces), null for a new draft. */
  articleId: number | null;
  draftId: number | null;
}

interface ReplayContext {
  key: string;
  matcher: KnowledgeMatcher<Entry>;
  questions: { ticketId: number; aiResolved: boolean; text: string }[];
  kb: Entry[];
  drafts: Entry[];
}

const contexts = new WeakMap<DB, ReplayContext>();

/**
 * How many questions the preview replays before it lets other requests in: an approval sent right
 * after opening a card need not wait for the whole replay (a fifth of a second a card on 100,000
 * tickets in `npm run bench`, longer on a slower machine or a busy one).
 */
const YIELD_EVERY = 100;

/**
 * Recent questions, today's articles and the open drafts in the knowledge matcher, built once
 * per change of tickets, articles or drafts. On the interface's thread: nothing is embedded.
 */
async function replayContext(db: DB): Promise<ReplayContext> {
  const key = JSON.stringify(
    db
      .prepare(
        `SELECT (SELECT max(id) FROM tickets), (SELECT max(ingested_at) FROM tickets), (SELECT max(id) FROM article_versions), (SELECT group_concat(id || status) FROM articles),
           (SELECT max(updated_at) FROM drafts), (SELECT count(*) FROM draft_evidence)`,
      )
      .raw()
      .get(),
  );
  const cached = contexts.get(db);
  if (cached?.key === key) return cached;
  const questions = loadQuestions(db, '0000', '9999', undefined, RECENT_QUESTIONS);
  const supporting = db.prepare(`SELECT ticket_id FROM draft_evidence WHERE draft_id = ? AND role = 'supporting'`).pluck();
  const kb = (
    db
      .prepare(
        `SELECT a.id, v.title, v.body_md, v.draft_id FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version WHERE a.status = 'active'`,
      )
      .all() as { id: number; title: string; body_md: string; draft_id: number | null }[]
  ).map((a) => ({
    id: a.id,
    articleId: a.id,
    draftId: null,
    text: articleText(a.title, a.body_md),
    evidence: db
      .prepare(
        `SELECT DISTINCT e.ticket_id FROM article_versions v JOIN draft_evidence e ON e.draft_id = v.draft_id AND e.role = 'supporting' WHERE v.article_id = ?`,
      )
      .pluck()
      .all(a.id) as number[],
  }));
  const drafts = (
    db.prepare(`SELECT id, title, body_md, article_id FROM drafts WHERE status IN ('suggested', 'in_review')`).all() as {
      id: number;
      title: string;
      body_md: string;
      article_id: number | null;
    }[]
  ).map((d) => ({
    id: -d.id,
    articleId: d.article_id,
    draftId: d.id,
    text: articleText(d.title, d.body_md),
    evidence: supporting.all(d.id) as number[],
  }));
  const own = drafts.flatMap((d) => d.evidence);
  const asked = [...questions, ...[...evidenceQuestions(db, own)].map(([ticketId, text]) => ({ ticketId, text }))];
  const matcher = await replayMatcher(db, [...kb, ...drafts], asked, { embedMissing: false });
  const context: ReplayContext = {
    key,
    matcher,
    questions: questions.map((q) => ({ ticketId: q.ticketId, aiResolved: q.aiResolved, text: q.text })),
    kb,
    drafts,
  };
  contexts.set(db, context);
  return context;
}

/**
 * What approving a draft would change, replayed like the backtest: its own questions and the
 * recent questions it would answer, and that no other open draft answers better, are matched
 * against the knowledge base without and with it.
 */
export async function draftImpact(db: DB, draftId: number): Promise<DraftImpact> {
  if (!db.prepare('SELECT 1 FROM drafts WHERE id = ?').get(draftId)) throw new AppError('NOT_FOUND', `There is no draft ${draftId}.`);
  const ctx = await replayContext(db);
  const self = ctx.drafts.find((d) => d.draftId === draftId);
  if (!self) return { similar: 0, wouldAnswer: 0, answeredToday: 0, changesRight: 0 };
  // an update replaces its article's current text; a new draft joins the others
  const today = new Set(ctx.kb);
  const after = new Set([...ctx.kb.filter((a) => a.articleId !== self.articleId), self]);
  const own = new Set(self.evidence);
  const texts = evidenceQuestions(db, self.evidence);
  // a question another open draft answers better is that draft's (a neighbouring topic), not this one's
  const board = new Set([...after, ...ctx.drafts]);
  const similar = self.evidence.map((id) => ({ ticketId: id, aiResolved: false, text: texts.get(id) ?? '' }));
  for (const [i, q] of ctx.questions.entries()) {
    if (i % YIELD_EVERY === 0) await nextTurn();
    if (!own.has(q.ticketId) && ctx.matcher.match(q, (e) => e === self) && ctx.matcher.best(q, (e) => board.has(e))?.entry === self)
      similar.push(q);
  }
  const resolved = new Set(ctx.questions.filter((q) => q.aiResolved).map((q) => q.ticketId));
  const impact: DraftImpact = { similar: similar.length, wouldAnswer: 0, answeredToday: 0, changesRight: 0 };
  for (const q of similar) {
    const before = ctx.matcher.match(q, (e) => today.has(e));
    const later = ctx.matcher.match(q, (e) => after.has(e));
    if (before) impact.answeredToday++;
    if (later?.entry === self) impact.wouldAnswer++;
    if (resolved.has(q.ticketId) && before && later && later.entry !== before.entry) impact.changesRight++;
  }
  return impact;
}
