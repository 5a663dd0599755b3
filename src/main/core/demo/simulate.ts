import type { DB } from '../db/open';
import { atTime } from '../clock';
import { runJobHere } from '../jobs/context';
import { backfillJob, DEFAULT_BACKFILL_LIMIT } from '../learn/backfill';
import { DEFAULT_REPEAT_THRESHOLD, learnLoopJob } from '../learn/loop';
import { computeDashboard, LEARNING_SINCE_KEY, TIME_ZONE_KEY } from '../metrics/dashboard';
import { backtestWeeks } from '../metrics/backtest';
import { weeksBetween } from '../metrics/weeks';
import { listDrafts } from '../review/queries';
import { ReviewBoard } from '../review/review';
import { setSetting } from '../system/settings';
import { DemoCompany, demoStart } from './generator';
import { importDemoWeek } from './simulation';
import type { DemoTruth } from './types';

export interface SimulationOptions {
  /** Weeks simulated after the history. */
  weeks: number;
  learning: boolean;
  /** Weeks of history before learning is switched on. */
  history?: number;
  perWeek?: number;
  seed?: number;
}

export interface SimulationWeek {
  week: string;
  /** 'history' before learning was switched on, 'simulated' after. */
  phase: 'history' | 'simulated';
  tickets: number;
  aiInvolved: number;
  resolutionRate: number | null;
  /** What the ground truth says the rate should be: the share of AI-involved tickets the AI agent answered right, times how often customers accept that. */
  expectedRate: number | null;
  unanswered: number;
  /** Tickets where the ground truth says the AI agent had no answer. */
  expectedUnanswered: number;
  approved: number;
  articles: number;
  backtest: number | null;
}

const DAY = 86_400_000;
/** In the demo, a right direct answer ends the conversation 85% of the time, and 8% of those come back. */
const ACCEPTED = 0.85 * (1 - 0.08);

/**
 * The demo company's closed loop, week by week: history without learning, then each simulated
 * week is generated with what the approved articles taught the AI agent, imported, learned from,
 * and a scripted reviewer approves every draft (not conflicts) the same week.
 */
export async function simulate(db: DB, options: SimulationOptions, onWeek?: (week: SimulationWeek) => void): Promise<SimulationWeek[]> {
  const history = options.history ?? 8;
  const company = new DemoCompany({
    seed: options.seed ?? 7,
    weeks: history + options.weeks,
    perWeek: options.perWeek ?? 300,
    start: demoStart(new Date(), history),
  });
  const startOf = (w: number) => new Date(Date.parse(company.options.start) + w * 7 * DAY);
  setSetting(db, TIME_ZONE_KEY, 'UTC'); // the demo's weeks are Monday to Monday, UTC
  setSetting(db, 'learning.auto', false);
  for (let w = 0; w < history; w++) importDemoWeek(db, company, w);
  const reviewer = new ReviewBoard(db, 'scripted reviewer');
  const approveAll = () => {
    const ids = listDrafts(db, {})
      .filter((d) => (d.status === 'suggested' || d.status === 'in_review') && d.kind !== 'conflict')
      .map((d) => d.id);
    if (ids.length) reviewer.approve(ids);
  };
  if (options.learning) {
    setSetting(db, LEARNING_SINCE_KEY, startOf(history).toISOString());
    await atTime(startOf(history), () =>
      runJobHere(backfillJob, db, { limit: DEFAULT_BACKFILL_LIMIT, minTopicSize: DEFAULT_REPEAT_THRESHOLD }),
    );
    await atTime(new Date(startOf(history).getTime() + DAY / 2), approveAll);
  }
  for (let w = history; w < history + options.weeks; w++) {
    importDemoWeek(db, company, w);
    if (!options.learning) continue;
    await atTime(new Date(startOf(w + 1).getTime() - DAY), () => runJobHere(learnLoopJob, db, {}));
    await atTime(new Date(startOf(w + 1).getTime() - DAY / 2), approveAll);
  }
  return weeklyFigures(db, company, history, onWeek);
}

async function weeklyFigures(
  db: DB,
  company: DemoCompany,
  history: number,
  onWeek?: (week: SimulationWeek) => void,
): Promise<SimulationWeek[]> {
  const dashboard = computeDashboard(db);
  const weeks = weeksBetween(
    company.options.start,
    new Date(Date.parse(company.options.start) + (company.options.weeks * 7 - 1) * DAY).toISOString(),
    'UTC',
  );
  const backtest = new Map((await backtestWeeks(db, weeks)).map((b) => [b.week, b.answered]));
  const truth = db.prepare(
    `SELECT tt.truth FROM tickets t JOIN ticket_truth tt ON tt.ticket_id = t.id WHERE t.ai_involved = 1 AND t.created_at >= ? AND t.created_at < ?`,
  );
  const articlesBy = db.prepare(`SELECT count(DISTINCT article_id) FROM article_versions WHERE created_at < ?`);
  return dashboard.weeks.map((w, i) => {
    const week = weeks.find((x) => x.key === w.week)!;
    const truths = (truth.pluck().all(week.start, week.end) as string[]).map((t) => JSON.parse(t) as DemoTruth);
    const right = truths.filter((t) => t.bot === 'answered' && t.botMode === 'direct').length;
    const row: SimulationWeek = {
      week: w.week,
      phase: i < history ? 'history' : 'simulated',
      tickets: w.tickets,
      aiInvolved: w.aiInvolved,
      resolutionRate: w.resolutionRate,
      expectedRate: truths.length ? (right / truths.length) * ACCEPTED : null,
      unanswered: w.unanswered,
      expectedUnanswered: truths.filter((t) => t.bot === 'fallback').length,
      approved: w.approved,
      articles: articlesBy.pluck().get(week.end) as number,
      backtest: backtest.get(w.week) ?? null,
    };
    onWeek?.(row);
    return row;
  });
}
