import { AppError } from '../../../shared/api/errors';
import type { DraftImpact } from '../../../shared/domain/metrics';
import type { DB } from '../db/open';
import { cosine } from '../embed/embedder';
import { FIRST_QUESTION } from '../tickets/sql';
import { questionText } from '../text/clean';
import { ANSWER_CONFIDENCE, articleText, bestMatch, loadQuestions, ReplaySpace } from './replay';

/** How many recent AI-involved questions the impact preview replays. */
const RECENT_QUESTIONS = 2500;

interface Vectored {
  id: number;
  vector: Float32Array;
}

interface ReplayContext {
  key: string;
  space: ReplaySpace;
  questions: { ticketId: number; aiResolved: boolean; vector: Float32Array }[];
  /** The knowledge base today: the current version of each active article. */
  kb: Vectored[];
}

const contexts = new WeakMap<DB, ReplayContext>();

/** Recent questions and today's articles, embedded once per change of tickets or articles. */
function replayContext(db: DB): ReplayContext {
  const key = JSON.stringify(db.prepare(`SELECT (SELECT max(id) FROM tickets), (SELECT max(ingested_at) FROM tickets), (SELECT max(id) FROM article_versions), (SELECT group_concat(id || status) FROM articles)`).raw().get());
  const cached = contexts.get(db);
  if (cached?.key === key) return cached;
  const questions = loadQuestions(db, '0000', '9999', undefined, RECENT_QUESTIONS);
  const articles = db
    .prepare(`SELECT a.id, v.title, v.body_md FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version WHERE a.status = 'active'`)
    .all() as { id: number; title: string; body_md: string }[];
  const texts = articles.map((a) => articleText(a.title, a.body_md));
  const space = new ReplaySpace([...texts, ...questions.map((q) => q.text)]);
  const context: ReplayContext = {
    key,
    space,
    questions: questions.map((q) => ({ ticketId: q.ticketId, aiResolved: q.aiResolved, vector: space.embed(q.text) })),
    kb: articles.map((a, i) => ({ id: a.id, vector: space.embed(texts[i]!) })),
  };
  contexts.set(db, context);
  return context;
}

/**
 * What approving a draft would change, replayed like the backtest: its own questions and similar
 * recent ones are matched against the knowledge base without and with the draft.
 */
export function draftImpact(db: DB, draftId: number): DraftImpact {
  const draft = db.prepare('SELECT title, body_md, article_id FROM drafts WHERE id = ?').get(draftId) as { title: string; body_md: string; article_id: number | null } | undefined;
  if (!draft) throw new AppError('NOT_FOUND', `There is no draft ${draftId}.`);
  const ctx = replayContext(db);
  const vector = ctx.space.embed(articleText(draft.title, draft.body_md));
  // an update replaces its article's current text; a new draft joins the others
  const self = draft.article_id ?? -draftId;
  const withDraft = [...ctx.kb.filter((a) => a.id !== draft.article_id), { id: self, vector }];
  const evidence = db
    .prepare(`SELECT t.id, t.subject, t.ai_resolved, ${FIRST_QUESTION} AS question FROM draft_evidence e JOIN tickets t ON t.id = e.ticket_id WHERE e.draft_id = ? AND e.role = 'supporting'`)
    .all(draftId) as { id: number; subject: string | null; ai_resolved: number; question: string | null }[];
  const own = new Set(evidence.map((e) => e.id));
  const similar = [
    ...evidence.map((e) => ({ ticketId: e.id, aiResolved: e.ai_resolved === 1, vector: ctx.space.embed(questionText(e.subject, e.question)) })),
    ...ctx.questions.filter((q) => !own.has(q.ticketId) && cosine(q.vector, vector) >= ANSWER_CONFIDENCE),
  ];
  const impact: DraftImpact = { similar: similar.length, wouldAnswer: 0, answeredToday: 0, changesRight: 0 };
  for (const q of similar) {
    const before = bestMatch(q.vector, ctx.kb);
    const after = bestMatch(q.vector, withDraft);
    if (before) impact.answeredToday++;
    if (after?.article.id === self) impact.wouldAnswer++;
    if (q.aiResolved && before && after && after.article.id !== before.article.id) impact.changesRight++;
  }
  return impact;
}
