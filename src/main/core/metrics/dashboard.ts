import {
  GAP_MIN_HANDOVERS,
  type CoverageGap,
  type Dashboard,
  type DashboardFilter,
  type Spike,
  type TicketRef,
  type TopicRow,
  type WeekFigures,
} from '../../../shared/domain/metrics';
import type { DB } from '../db/open';
import { now } from '../clock';
import { getSetting } from '../system/settings';
import { TICKET_LINE } from '../tickets/sql';
import { liftPp, median, resolutionRate, spikeWeeks, tierOf, unansweredDrop } from './figures';
import { weekOf, weeksBetween, type Week } from './weeks';

export const TIME_ZONE_KEY = 'metrics.timeZone';
export const LEARNING_SINCE_KEY = 'learning.since';
const STALE_DRAFT_DAYS = 14;

export function workspaceTimeZone(db: DB): string {
  return getSetting(db, TIME_ZONE_KEY, Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
}

/** The filter as SQL on `t` (tickets), with its parameters. */
export function ticketFilter(f: DashboardFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.sourceId !== undefined) {
    parts.push('t.source_id = ?');
    params.push(f.sourceId);
  }
  if (f.topicId !== undefined) {
    // a topic stands for its question: every topic with the same label
    parts.push(
      't.id IN (SELECT tt.ticket_id FROM topic_tickets tt JOIN topics p ON p.id = tt.topic_id WHERE p.label = (SELECT label FROM topics WHERE id = ?))',
    );
    params.push(f.topicId);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

/** The weeks the dashboard shows: the filter's range, or from the first ticket to the last. */
export function rangeWeeks(db: DB, f: DashboardFilter, tz: string): Week[] {
  const span = db.prepare('SELECT (SELECT min(created_at) FROM tickets) AS first, (SELECT max(created_at) FROM tickets) AS last').get() as {
    first: string | null;
    last: string | null;
  };
  const from = f.from ?? span.first;
  const to = f.to ?? span.last;
  if (!from || !to) return [];
  return weeksBetween(from, to < from ? from : to, tz);
}

/** Every figure of the dashboard (DESIGN §3) for a range of weeks. */
export function computeDashboard(db: DB, filter: DashboardFilter = {}): Dashboard {
  const tz = workspaceTimeZone(db);
  const weeks = rangeWeeks(db, filter, tz);
  const learningSince = getSetting<string | null>(db, LEARNING_SINCE_KEY, null);
  const learningWeek = learningSince ? weekOf(Date.parse(learningSince), tz).key : null;
  const where = ticketFilter(filter);
  // one range query per week, each answered from the covering index
  const weekly = db.prepare(
    `SELECT count(*) AS tickets, coalesce(sum(t.ai_involved), 0) AS involved, coalesce(sum(t.ai_resolved), 0) AS resolved,
       coalesce(sum(t.unanswered), 0) AS unanswered, coalesce(sum(t.handover), 0) AS handovers
     FROM tickets t WHERE t.created_at >= ? AND t.created_at < ?${where.sql}`,
  );
  const counts = weeks.map((w) => ({
    key: w.key,
    ...(weekly.get(w.start, w.end, ...where.params) as {
      tickets: number;
      involved: number;
      resolved: number;
      unanswered: number;
      handovers: number;
    }),
  }));
  const byWeek = new Map(counts.map((c) => [c.key, c]));

  // draft-to-approve latency, by the week of approval
  const approvals = db.prepare('SELECT created_at, approved_at FROM drafts WHERE approved_at IS NOT NULL').all() as {
    created_at: string;
    approved_at: string;
  }[];
  const latencies = new Map<string, number[]>();
  for (const a of approvals) {
    const key = weekOf(Date.parse(a.approved_at), tz).key;
    latencies.set(key, [...(latencies.get(key) ?? []), (Date.parse(a.approved_at) - Date.parse(a.created_at)) / 3_600_000]);
  }

  const figures: WeekFigures[] = weeks.map((w) => {
    const c = byWeek.get(w.key);
    return {
      week: w.key,
      start: w.start,
      tickets: c?.tickets ?? 0,
      aiInvolved: c?.involved ?? 0,
      aiResolved: c?.resolved ?? 0,
      resolutionRate: resolutionRate(c?.resolved ?? 0, c?.involved ?? 0),
      unanswered: c?.unanswered ?? 0,
      handovers: c?.handovers ?? 0,
      approved: latencies.get(w.key)?.length ?? 0,
      latencyHours: median(latencies.get(w.key) ?? []),
    };
  });
  const learningIndex = learningWeek ? figures.findIndex((w) => w.week === learningWeek) : -1;
  // a range with no end runs to now: drafts approved after the last ticket (a history imported
  // once, reviewed in the days after) count too
  const inRange = (key: string) => key >= (weeks[0]?.key ?? '') && (filter.to !== undefined ? key <= (weeks.at(-1)?.key ?? '') : true);
  const rangeLatencies = weeks.length ? [...latencies.entries()].filter(([k]) => inRange(k)).flatMap(([, v]) => v) : [];
  const staleDrafts = db
    .prepare(`SELECT count(*) FROM drafts WHERE status IN ('suggested', 'in_review') AND created_at < ?`)
    .pluck()
    .get(new Date(now().getTime() - STALE_DRAFT_DAYS * 86_400_000).toISOString()) as number;
  const drop = unansweredDrop(
    figures.map((w) => w.unanswered),
    learningIndex >= 0 ? learningIndex : null,
  );
  const lift = liftPp(
    figures.map((w) => w.resolutionRate),
    learningIndex >= 0 ? learningIndex : null,
  );
  const latencyHours = median(rangeLatencies);
  const topics = topicRows(db, weeks, filter);
  return {
    timeZone: tz,
    learningSince,
    learningWeek,
    weeks: figures,
    liftPp: lift,
    unansweredDrop: drop,
    latencyHours,
    staleDrafts,
    tier: tierOf({ drop, liftPp: lift, latencyHours, staleDrafts }),
    gaps: coverageGaps(db, weeks, filter),
    topics,
    spikes: spikesOf(db, weeks, topics, filter),
  };
}

/** Topics with GAP_MIN_HANDOVERS or more handovers in the range and no approved article, by handovers. */
function coverageGaps(db: DB, weeks: Week[], f: DashboardFilter): CoverageGap[] {
  if (!weeks.length) return [];
  const where = ticketFilter(f);
  return gapTopics(db, weeks[0]!.start, weeks.at(-1)!.end, where, 25).map((r) => ({
    topicId: r.id,
    label: r.label,
    handovers: r.handovers,
    tickets: ticketsOf(db, r.label, weeks[0]!.start, weeks.at(-1)!.end, where, 't.handover = 1 AND '),
    draftId: r.draft_id,
    draftStatus: r.draft_status,
    answersDiffer: r.draft_id === null && r.answers_differ === 1,
  }));
}

/** The coverage gaps of tickets created in [from, to), most handed over first (at most `limit`). */
export function gapTopics(
  db: DB,
  from: string,
  to: string,
  where: { sql: string; params: unknown[] } = { sql: '', params: [] },
  limit = -1,
): { id: number; label: string; handovers: number; draft_id: number | null; draft_status: string | null; answers_differ: number }[] {
  return db
    .prepare(
      `SELECT p.id, p.label, count(DISTINCT t.id) AS handovers,
         (SELECT d.id FROM drafts d WHERE d.topic_id = p.id AND d.status IN ('suggested', 'in_review') ORDER BY d.id DESC LIMIT 1) AS draft_id,
         (SELECT d.status FROM drafts d WHERE d.topic_id = p.id ORDER BY d.id DESC LIMIT 1) AS draft_status,
         EXISTS (SELECT 1 FROM topic_tickets o WHERE o.topic_id = p.id AND o.role = 'outlier') AS answers_differ
       FROM topics p JOIN topic_tickets tt ON tt.topic_id = p.id JOIN tickets t ON t.id = tt.ticket_id
       WHERE t.handover = 1 AND t.created_at >= ? AND t.created_at < ?${where.sql}
         AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.topic_id = p.id AND d.status IN ('approved', 'published'))
         AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.topic_id = p.id AND a.status = 'active')
         AND NOT EXISTS (SELECT 1 FROM drafts d JOIN drafts m ON m.id = d.merged_into WHERE d.topic_id = p.id AND m.status IN ('approved', 'published'))
       GROUP BY p.id HAVING handovers >= ${GAP_MIN_HANDOVERS} ORDER BY handovers DESC, p.id LIMIT ?`,
    )
    .all(from, to, ...where.params, limit) as ReturnType<typeof gapTopics>;
}

/** The tickets of a question (every topic with that label) in a time range, newest first. */
function ticketsOf(db: DB, label: string, from: string, to: string, where: { sql: string; params: unknown[] }, extra = ''): TicketRef[] {
  // the line of each ticket read for the 20 shown only
  return db
    .prepare(
      `SELECT t.id, t.external_id AS externalId, ${TICKET_LINE} AS subject FROM tickets t WHERE t.id IN (
         SELECT DISTINCT t.id FROM topics p CROSS JOIN topic_tickets tt ON tt.topic_id = p.id CROSS JOIN tickets t ON t.id = tt.ticket_id
         WHERE ${extra}p.label = ? AND t.created_at >= ? AND t.created_at < ?${where.sql} ORDER BY t.created_at DESC LIMIT 20)
       ORDER BY t.created_at DESC`,
    )
    .all(label, from, to, ...where.params) as TicketRef[];
}

/**
 * Each topic's volume, escalation rate and weekly trend over the range. The backfill and the
 * loop can each hold a topic for the same question: one row per question, each ticket once.
 */
function topicRows(db: DB, weeks: Week[], f: DashboardFilter): TopicRow[] {
  if (!weeks.length) return [];
  const where = ticketFilter(f);
  const rows = db
    .prepare(
      `SELECT DISTINCT p.label, t.id, t.created_at, t.ai_involved, t.handover
       FROM topics p CROSS JOIN topic_tickets tt ON tt.topic_id = p.id CROSS JOIN tickets t ON t.id = tt.ticket_id
       WHERE t.created_at >= ? AND t.created_at < ?${where.sql}`,
    )
    .all(weeks[0]!.start, weeks.at(-1)!.end, ...where.params) as {
    label: string;
    id: number;
    created_at: string;
    ai_involved: number;
    handover: number;
  }[];
  const starts = weeks.map((w) => w.start);
  const weekIndex = (at: string) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const topics = new Map(
    (
      db
        .prepare(
          `SELECT p.label, max(p.id) AS id, max(EXISTS (SELECT 1 FROM drafts d WHERE d.topic_id = p.id AND d.status IN ('approved', 'published'))) AS has,
             max((SELECT max(d.id) FROM drafts d WHERE d.topic_id = p.id AND d.status IN ('suggested', 'in_review'))) AS draft_id
           FROM topics p GROUP BY p.label`,
        )
        .all() as { label: string; id: number; has: number; draft_id: number | null }[]
    ).map((r) => [r.label, r]),
  );
  const byLabel = new Map<string, TopicRow>();
  for (const r of rows) {
    const topic = topics.get(r.label)!;
    const row = byLabel.get(r.label) ?? {
      topicId: topic.id,
      label: r.label,
      volume: 0,
      aiInvolved: 0,
      handovers: 0,
      escalationRate: null,
      trend: weeks.map(() => 0),
      hasArticle: topic.has === 1,
      draftId: topic.draft_id,
    };
    row.volume++;
    row.aiInvolved += r.ai_involved;
    row.handovers += r.handover;
    row.trend[weekIndex(r.created_at)]!++;
    byLabel.set(r.label, row);
  }
  return [...byLabel.values()]
    .map((r) => ({ ...r, escalationRate: r.aiInvolved ? r.handovers / r.aiInvolved : null }))
    .sort((a, b) => b.volume - a.volume || a.topicId - b.topicId);
}

function spikesOf(db: DB, weeks: Week[], topics: TopicRow[], f: DashboardFilter): Spike[] {
  const where = ticketFilter(f);
  const spikes: Spike[] = [];
  for (const topic of topics) {
    for (const s of spikeWeeks(topic.trend)) {
      const week = weeks[s.index]!;
      spikes.push({
        topicId: topic.topicId,
        label: topic.label,
        week: week.key,
        count: topic.trend[s.index]!,
        baseline: s.baseline,
        z: s.z,
        tickets: ticketsOf(db, topic.label, week.start, week.end, where),
      });
    }
  }
  return spikes.sort((a, b) => b.z - a.z).slice(0, 20);
}
