import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  formatHours,
  GAP_MIN_HANDOVERS,
  type BacktestWeek,
  type Dashboard,
  type DashboardFilter,
  type TicketRef,
} from '../../../shared/domain/metrics';
import type { Source } from '../../../shared/domain/source';
import { api } from '../../api';
import { ScreenHeader } from '../../components/AppFrame';
import { Chart, Sparkline, type ChartSeries } from '../../components/Chart';
import { EmptyState } from '../../components/EmptyState';
import { TicketLinks } from '../../components/TicketLinks';
import { icons } from '../../components/icons';
import { download, toCsv } from '../../lib/download';
import { useApp } from '../../stores/app';
import { useBoard } from '../../stores/board';
import { useBacktest } from './useBacktest';
import { plural } from '../../../shared/plural';

const pct = (v: number | null, digits = 0) => (v === null ? '—' : `${(v * 100).toFixed(digits)}%`);
const csv = (name: string, head: string[], rows: (string | number | null)[][]) =>
  download(`${name}.csv`, new Blob([toCsv(head, rows)], { type: 'text/csv' }));

const TIER_EXPLAIN =
  'From the published industry bands: world-class = unanswered down 40–60% by week 4, +5 pp lift, drafts approved within a day; solid = 20–40%, +3–5 pp, within a week; average = 5–20%, +1–3 pp, 1–2 weeks; needs work = below that, or drafts piling up.';

/** Is the loop learning? Resolution rate, unanswered questions, latency, gaps, topics, spikes, backtest. */
export function DashboardScreen() {
  const dataVersion = useApp((s) => s.dataVersion);
  const notify = useApp((s) => s.notify);
  const [filter, setFilter] = useState<DashboardFilter>({});
  const [data, setData] = useState<Dashboard | null>(null);
  const [sources, setSources] = useState<Source[]>([]);
  const backtest = useBacktest(filter, data);

  useEffect(() => {
    let live = true;
    void api.invoke('metrics.dashboard', filter).then(
      (dashboard) => live && setData(dashboard),
      (e: unknown) => notify('error', e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [filter, dataVersion, notify]);
  // sources change with imports, not with the filter
  useEffect(() => {
    void api.invoke('sources.list', {}).then(setSources, () => setSources([]));
  }, [dataVersion]);

  if (data && !data.weeks.length) {
    return (
      <div className="dashboard">
        <ScreenHeader title="Dashboard" subtitle="Is the loop learning?" />
        <EmptyState icon={icons.dashboard} title="Nothing to measure yet">
          <p>
            The dashboard needs tickets, ideally with your AI agent taking part (import or sync them under Sources, or try the demo
            workspace). It then shows the AI resolution rate week over week, unanswered questions, how long drafts wait for approval, the
            topics no article covers yet, and spikes.
          </p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="dashboard">
      <ScreenHeader
        title="Dashboard"
        subtitle={
          data
            ? `Weeks in ${data.timeZone}${data.learningSince ? ` · learning on since ${new Date(data.learningSince).toLocaleDateString()}` : ' · learning has not run yet'}`
            : 'Loading…'
        }
      />
      <div className="dashboard-filters" role="group" aria-label="Filters">
        <label className="field field--inline">
          <span className="field__label">From</span>
          <input
            className="input"
            type="date"
            aria-label="From"
            value={filter.from ?? ''}
            onChange={(e) => setFilter((f) => ({ ...f, from: e.target.value || undefined }))}
          />
        </label>
        <label className="field field--inline">
          <span className="field__label">To</span>
          <input
            className="input"
            type="date"
            aria-label="To"
            value={filter.to ?? ''}
            onChange={(e) => setFilter((f) => ({ ...f, to: e.target.value || undefined }))}
          />
        </label>
        <select
          className="input"
          aria-label="Source"
          value={filter.sourceId ?? ''}
          onChange={(e) => setFilter((f) => ({ ...f, sourceId: e.target.value ? Number(e.target.value) : undefined }))}
        >
          <option value="">All sources</option>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <select
          className="input"
          aria-label="Topic"
          value={filter.topicId ?? ''}
          onChange={(e) => setFilter((f) => ({ ...f, topicId: e.target.value ? Number(e.target.value) : undefined }))}
        >
          <option value="">All topics</option>
          {[...(data?.topics ?? [])]
            .sort((a, b) => a.label.localeCompare(b.label))
            .map((t) => (
              <option key={t.topicId} value={t.topicId}>
                {t.label}
              </option>
            ))}
        </select>
        {Object.values(filter).some((v) => v !== undefined) && (
          <button className="button" onClick={() => setFilter({})}>
            Clear filters
          </button>
        )}
      </div>
      {data && <DashboardBody data={data} backtest={backtest.weeks} backtestNote={backtest.note} />}
    </div>
  );
}

function DashboardBody({
  data,
  backtest,
  backtestNote,
}: {
  data: Dashboard;
  backtest: BacktestWeek[] | null;
  backtestNote: string | null;
}) {
  const labels = useMemo(() => data.weeks.map((w) => w.week), [data]);
  const marker = data.learningWeek ? labels.indexOf(data.learningWeek) : null;
  const last = [...data.weeks].reverse().find((w) => w.aiInvolved > 0) ?? data.weeks.at(-1)!;
  const backtestByWeek = useMemo(() => new Map((backtest ?? []).map((b) => [b.week, b])), [backtest]);
  const rateSeries = useMemo<ChartSeries[]>(
    () => [
      { label: 'AI resolution rate', values: data.weeks.map((w) => w.resolutionRate), color: '--accent', format: (v) => pct(v, 1) },
      {
        label: 'Backtest: the knowledge base would answer',
        values: data.weeks.map((w) => backtestByWeek.get(w.week)?.answered ?? null),
        color: '--ok',
        dashed: true,
        format: (v) => pct(v, 1),
      },
    ],
    [data, backtestByWeek],
  );
  const unansweredSeries = useMemo<ChartSeries[]>(
    () => [{ label: 'Unanswered questions', values: data.weeks.map((w) => w.unanswered), color: '--danger', kind: 'bars' }],
    [data],
  );
  const latencySeries = useMemo<ChartSeries[]>(
    () => [
      {
        label: 'Median draft-to-approve',
        values: data.weeks.map((w) => w.latencyHours),
        color: '--warn',
        kind: 'bars',
        format: (v) => formatHours(v),
      },
    ],
    [data],
  );

  return (
    <>
      <div className="kpis">
        <Kpi
          label="AI resolution rate"
          value={pct(last.resolutionRate, 1)}
          note={data.liftPp === null ? `week ${last.week}` : `${data.liftPp >= 0 ? '+' : ''}${data.liftPp.toFixed(1)} pp lift`}
          explain="AI-resolved ÷ AI-involved tickets created in the week. Lift = mean of the last 4 weeks − mean of the 4 weeks before learning was switched on."
        />
        <Kpi
          label="Unanswered questions"
          value={String(last.unanswered)}
          note={data.unansweredDrop ? `${pct(data.unansweredDrop.drop)} fewer by week ${data.unansweredDrop.week}` : `week ${last.week}`}
          explain="Questions the AI agent had no answer for, per week. Drop = 1 − (week k ÷ week 1), week 1 being the week learning was switched on."
        />
        <Kpi
          label="Draft to approval"
          value={formatHours(data.latencyHours)}
          note={`median over the range${data.staleDrafts ? ` · ${data.staleDrafts} waiting > 2 weeks` : ''}`}
          explain="Median time from a draft's creation to its approval, over the drafts approved in the range; with no end date, up to today."
        />
        <div className={`kpi tier tier--${(data.tier.tier ?? 'none').replace(' ', '-')}`} title={TIER_EXPLAIN}>
          <span className="kpi__label">Tier</span>
          <span className="kpi__value">{data.tier.tier ?? 'Not yet'}</span>
          <span className="kpi__note">{data.tier.reason}</span>
        </div>
      </div>
      <div className="charts">
        <Chart
          title="AI resolution rate per week"
          explain="AI-resolved ÷ AI-involved, by week created. Dashed: the backtest, each week's questions against the approved articles as they stood before it. The dotted line marks when learning was switched on."
          name="resolution-rate"
          labels={labels}
          series={rateSeries}
          marker={marker}
          yRange={[0, 1]}
          yFormat={(v) => pct(v)}
          onCsv={() =>
            csv(
              'resolution-rate',
              ['week', 'ai_involved', 'ai_resolved', 'resolution_rate', 'backtest_answered', 'backtest_right_article'],
              data.weeks.map((w) => [
                w.week,
                w.aiInvolved,
                w.aiResolved,
                w.resolutionRate,
                backtestByWeek.get(w.week)?.answered ?? null,
                backtestByWeek.get(w.week)?.right ?? null,
              ]),
            )
          }
        >
          {backtestNote && <p className="muted chart-card__note">{backtestNote}</p>}
        </Chart>
        <Chart
          title="Unanswered questions per week"
          explain="Tickets where the AI agent had no answer (it said so, or handed over) before a human replied."
          name="unanswered"
          labels={labels}
          series={unansweredSeries}
          marker={marker}
          onCsv={() =>
            csv(
              'unanswered',
              ['week', 'unanswered', 'handovers', 'tickets'],
              data.weeks.map((w) => [w.week, w.unanswered, w.handovers, w.tickets]),
            )
          }
        />
        <Chart
          title="Draft-to-approve latency per week"
          explain="Median hours from draft creation to approval, over the drafts approved that week."
          name="latency"
          labels={labels}
          series={latencySeries}
          marker={marker}
          yFormat={(v) => formatHours(v)}
          onCsv={() =>
            csv(
              'latency',
              ['week', 'approved', 'median_hours'],
              data.weeks.map((w) => [w.week, w.approved, w.latencyHours]),
            )
          }
        >
          {data.weeks.every((w) => w.latencyHours === null) && (
            <p className="muted chart-card__note">
              {data.latencyHours === null
                ? 'No draft was approved in these weeks. Approve one on the review board and the time it waited shows here.'
                : `The drafts approved after ${data.weeks.at(-1)!.week}, the last week with tickets, count in Draft to approval above; a week shows here once it has tickets.`}
            </p>
          )}
        </Chart>
      </div>
      <div className="dashboard-lists">
        <Gaps data={data} />
        <Spikes data={data} />
      </div>
      <Topics data={data} />
    </>
  );
}

function Kpi({ label, value, note, explain }: { label: string; value: string; note: string; explain: string }) {
  return (
    <div className="kpi" title={explain}>
      <span className="kpi__label">{label}</span>
      <span className="kpi__value">{value}</span>
      <span className="kpi__note">{note}</span>
    </div>
  );
}

/** A titled block of the dashboard with its CSV export; hover the title for its definition. */
function Panel({ title, explain, onCsv, children }: { title: string; explain: string; onCsv: () => void; children: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <header className="panel__head">
        <h2 title={explain}>{title}</h2>
        <button className="button button--small" onClick={onCsv} aria-label={`${title}: export CSV`}>
          CSV
        </button>
      </header>
      {children}
    </section>
  );
}

/** Ranked rows that open to show their tickets. */
function RankList({ rows }: { rows: { key: string; label: string; count: ReactNode; extra?: ReactNode; tickets: TicketRef[] }[] }) {
  return (
    <ol className="rank-list">
      {rows.map((r) => (
        <li key={r.key}>
          <details>
            <summary>
              <span className="rank-list__label">{r.label}</span>
              <span className="rank-list__count">{r.count}</span>
              {r.extra}
            </summary>
            <TicketLinks tickets={r.tickets} />
          </details>
        </li>
      ))}
    </ol>
  );
}

/** A button that opens a draft's card on the board. */
function OpenDraft({ id, children, label }: { id: number; children: ReactNode; label?: string }) {
  const navigate = useApp((s) => s.navigate);
  return (
    <button
      className="button button--small"
      aria-label={label}
      onClick={(e) => {
        e.preventDefault();
        navigate('board');
        void useBoard.getState().open(id);
      }}
    >
      {children}
    </button>
  );
}

const ANSWERS_DIFFER_HINT =
  'Your team answered these questions a different way each time (a stock line, a handover): no draft comes from them until someone writes the answer.';

/** Starts a card on the board for a gap: the answer to write, or a draft now from answers that agree. */
function StartCard({ topicId, answersDiffer }: { topicId: number; answersDiffer: boolean }) {
  const navigate = useApp((s) => s.navigate);
  return (
    <button
      className="button button--small"
      title={
        answersDiffer
          ? `${ANSWERS_DIFFER_HINT} Make a card in review with these questions, and write it.`
          : 'Still collecting evidence: draft an article now from its answers, without waiting for more tickets.'
      }
      onClick={(e) => {
        e.preventDefault();
        navigate('board');
        void useBoard.getState().start(topicId);
      }}
    >
      {answersDiffer ? 'Write the answer' : 'Draft now'}
    </button>
  );
}

function Gaps({ data }: { data: Dashboard }) {
  return (
    <Panel
      title="Coverage gaps"
      explain="A question handed over to your team twice or more in the range, with no approved article, by handovers."
      onCsv={() =>
        csv(
          'coverage-gaps',
          ['topic', 'handovers', 'draft', 'answers differ'],
          data.gaps.map((g) => [g.label, g.handovers, g.draftStatus, g.answersDiffer ? 'yes' : 'no']),
        )
      }
    >
      {data.gaps.length === 0 ? (
        <p className="muted">No question came back in this range without an approved article: one-off questions are not gaps.</p>
      ) : (
        <RankList
          rows={data.gaps.map((g) => ({
            key: String(g.topicId),
            label: g.label,
            count: plural(g.handovers, 'handover'),
            tickets: g.tickets,
            extra:
              g.draftId !== null ? (
                <OpenDraft id={g.draftId}>Open draft</OpenDraft>
              ) : g.draftStatus === 'rejected' ? (
                <span className="muted">rejected</span>
              ) : (
                <StartCard topicId={g.topicId} answersDiffer={g.answersDiffer} />
              ),
          }))}
        />
      )}
    </Panel>
  );
}

function Spikes({ data }: { data: Dashboard }) {
  return (
    <Panel
      title="Spikes"
      explain="A topic whose weekly volume is far above its trailing 4 weeks: z over 3 with at least 5 tickets."
      onCsv={() =>
        csv(
          'spikes',
          ['week', 'topic', 'tickets', 'usual', 'z'],
          data.spikes.map((s) => [s.week, s.label, s.count, Number(s.baseline.toFixed(1)), Number(s.z.toFixed(1))]),
        )
      }
    >
      {data.spikes.length === 0 ? (
        <p className="muted">No topic jumped far above its usual volume in this range.</p>
      ) : (
        <RankList
          rows={data.spikes.map((s) => ({
            key: `${s.week}-${s.topicId}`,
            label: s.label,
            count: `${s.week}: ${s.count} tickets, usually ${s.baseline.toFixed(0)}`,
            tickets: s.tickets,
          }))}
        />
      )}
    </Panel>
  );
}

/**
 * A topic's article: approved, a draft waiting on the board, or none. Without one, the topic is a
 * gap once people had to answer it again and again, a one-off while they answered it once, and
 * needs nothing while nobody had to.
 */
const articleState = (t: Dashboard['topics'][number]) =>
  t.hasArticle
    ? 'approved'
    : t.draftId !== null
      ? 'draft'
      : t.handovers >= GAP_MIN_HANDOVERS
        ? 'gap'
        : t.handovers > 0
          ? 'one-off'
          : 'none needed';

function TopicArticle({ topic: t }: { topic: Dashboard['topics'][number] }) {
  const state = articleState(t);
  if (state === 'approved') return <span className="flag flag--ok">approved</span>;
  if (state === 'draft')
    return (
      <OpenDraft id={t.draftId!} label={`Open the draft for ${t.label}`}>
        Open draft
      </OpenDraft>
    );
  if (state === 'gap') return <span className="flag flag--warn">gap</span>;
  if (state === 'one-off')
    return (
      <span className="muted" title="Handed over once in this range: a gap if the question comes back.">
        one-off
      </span>
    );
  return (
    <span className="muted" title="No handover in this range: the AI agent answered these, or no AI agent was involved.">
      —
    </span>
  );
}

function Topics({ data }: { data: Dashboard }) {
  return (
    <Panel
      title="Topics"
      explain="Tickets per topic over the range; escalation rate = handovers ÷ AI-involved tickets of the topic."
      onCsv={() =>
        csv(
          'topics',
          ['topic', 'tickets', 'ai_involved', 'handovers', 'escalation_rate', 'article', ...data.weeks.map((w) => w.week)],
          data.topics.map((t) => [t.label, t.volume, t.aiInvolved, t.handovers, t.escalationRate, articleState(t), ...t.trend]),
        )
      }
    >
      <table className="topics-table">
        <thead>
          <tr>
            <th>Topic</th>
            <th>Tickets</th>
            <th>Escalation rate</th>
            <th>Trend</th>
            <th>Article</th>
          </tr>
        </thead>
        <tbody>
          {data.topics.slice(0, 60).map((t) => (
            <tr key={t.topicId}>
              <td>{t.label}</td>
              <td className="num">{t.volume}</td>
              <td className="num">{pct(t.escalationRate)}</td>
              <td>
                <Sparkline values={t.trend} label={`${t.label}: ${t.trend.join(', ')} tickets per week`} />
              </td>
              <td>
                <TopicArticle topic={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
