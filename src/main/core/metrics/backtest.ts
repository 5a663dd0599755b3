import type { BacktestWeek, DashboardFilter } from '../../../shared/domain/metrics';
import type { DB } from '../db/open';
import type { Match } from '../learn/matcher';
import { ticketFilter } from './dashboard';
import { loadArticleVersions, loadQuestions, replayMatcher, type ReplayArticle } from './replay';
import type { Week } from './weeks';

/**
 * Replays history week by week (DESIGN §3): each AI-involved question of week W against the
 * approved articles as they stood before W, with the knowledge matcher. Plotted beside the real
 * resolution rate, it shows whether the loop is learning.
 */
export async function backtestWeeks(
  db: DB,
  weeks: Week[],
  filter: DashboardFilter = {},
  onWeek?: (done: number, total: number) => void,
): Promise<BacktestWeek[]> {
  const out: BacktestWeek[] = [];
  if (!weeks.length) return out;
  const where = ticketFilter(filter);
  const questions = loadQuestions(db, weeks[0]!.start, weeks.at(-1)!.end, where);
  const versions = loadArticleVersions(db);
  const matcher = await replayMatcher(db, versions, questions);
  let q = 0;
  // questions asked word for word alike (the same vector) get the same answer from one knowledge
  // base: each is matched once until the knowledge base changes
  let answers = new Map<string, Match<ReplayArticle> | null>();
  let answersFrom = '';
  for (const [i, week] of weeks.entries()) {
    // the knowledge base before the week: the latest version of each article by then
    const latest = new Map<number, ReplayArticle>();
    for (const v of versions) if (v.since < week.start) latest.set(v.articleId, v);
    const kb = new Set(latest.values());
    const kbKey = [...kb].map((v) => v.id).join(' ');
    if (kbKey !== answersFrom) [answers, answersFrom] = [new Map(), kbKey];
    let asked = 0;
    let answered = 0;
    let judged = 0;
    let right = 0;
    while (q < questions.length && questions[q]!.createdAt < week.start) q++;
    for (; q < questions.length && questions[q]!.createdAt < week.end; q++) {
      const question = questions[q]!;
      asked++;
      const vector = matcher.vectorOf(question);
      const key = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
      let match = answers.get(key);
      if (match === undefined) answers.set(key, (match = kb.size ? matcher.match(question, (v) => kb.has(v)) : null));
      if (!match) continue;
      answered++;
      if (question.truthTopic && match.entry.truthTopic) {
        judged++;
        if (question.truthTopic === match.entry.truthTopic) right++;
      }
    }
    out.push({ week: week.key, questions: asked, answered: asked ? answered / asked : null, right: judged ? right / judged : null });
    onWeek?.(i + 1, weeks.length);
  }
  return out;
}
