import type { BacktestWeek, DashboardFilter } from '../../../shared/domain/metrics';
import type { DB } from '../db/open';
import { ticketFilter } from './dashboard';
import { bestMatch, loadArticleVersions, loadQuestions, ReplaySpace } from './replay';
import type { Week } from './weeks';

/**
 * Replays history week by week (DESIGN §3): each AI-involved question of week W against the
 * approved articles as they stood before W. Plotted beside the real resolution rate, it shows
 * whether the loop is learning.
 */
export function backtestWeeks(db: DB, weeks: Week[], filter: DashboardFilter = {}, onWeek?: (done: number, total: number) => void): BacktestWeek[] {
  const out: BacktestWeek[] = [];
  if (!weeks.length) return out;
  const where = ticketFilter(filter);
  const questions = loadQuestions(db, weeks[0]!.start, weeks.at(-1)!.end, where);
  const versions = loadArticleVersions(db);
  const space = new ReplaySpace([...versions.map((v) => v.text), ...questions.filter((_, i) => i % 4 === 0).map((q) => q.text)]);
  const articles = versions.map((v) => ({ ...v, vector: space.embed(v.text) }));
  let q = 0;
  weeks.forEach((week, i) => {
    // the knowledge base before the week: the latest version of each article by then
    const latest = new Map<number, (typeof articles)[number]>();
    for (const a of articles) if (a.since < week.start) latest.set(a.id, a);
    const kb = [...latest.values()];
    let asked = 0;
    let answered = 0;
    let judged = 0;
    let right = 0;
    while (q < questions.length && questions[q]!.createdAt < week.start) q++;
    for (; q < questions.length && questions[q]!.createdAt < week.end; q++) {
      const question = questions[q]!;
      asked++;
      const match = kb.length ? bestMatch(space.embed(question.text), kb) : null;
      if (!match) continue;
      answered++;
      if (question.truthTopic && match.article.truthTopic) {
        judged++;
        if (question.truthTopic === match.article.truthTopic) right++;
      }
    }
    out.push({ week: week.key, questions: asked, answered: asked ? answered / asked : null, right: judged ? right / judged : null });
    onWeek?.(i + 1, weeks.length);
  });
  return out;
}
