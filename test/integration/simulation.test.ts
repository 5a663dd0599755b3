import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/open';
import { DemoCompany, demoStart } from '../../src/main/core/demo/generator';
import { simulate, type SimulationWeek } from '../../src/main/core/demo/simulate';
import { backtestWeeks } from '../../src/main/core/metrics/backtest';
import { computeDashboard } from '../../src/main/core/metrics/dashboard';
import { tempDir } from '../helpers/temp';

const HISTORY = 6;
const WEEKS = 6;
const options = { weeks: WEEKS, history: HISTORY, perWeek: 300, seed: 7 };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rates = (rows: SimulationWeek[]) => rows.map((r) => r.resolutionRate!);

describe('the closed loop on the demo workspace, week by week', () => {
  it('with learning on and a reviewer approving the drafts, resolution rises and unanswered questions fall, as the ground truth says', async () => {
    const db = openDatabase(join(tempDir(), 'on.db'), { create: true });
    const rows = await simulate(db, { ...options, learning: true });
    const [before, after] = [rows.slice(0, HISTORY), rows.slice(HISTORY)];
    expect(after.every((r) => r.phase === 'simulated')).toBe(true);
    expect(mean(rates(after)) - mean(rates(before))).toBeGreaterThan(0.2);
    expect(mean(after.map((r) => r.unanswered))).toBeLessThan(mean(before.map((r) => r.unanswered)) * 0.4);
    // measured from the tickets alone, the figures agree with the ground truth: within 8 points a week, exactly for unanswered
    for (const r of rows) {
      expect(Math.abs(r.resolutionRate! - r.expectedRate!), r.week).toBeLessThan(0.08);
      expect(r.unanswered, r.week).toBe(r.expectedUnanswered);
    }
    // the backtest: nothing before the first approvals, then most questions answered by the right article
    expect(rows.slice(0, HISTORY + 1).every((r) => r.backtest === 0)).toBe(true);
    for (const r of rows.slice(HISTORY + 1)) expect(r.backtest!, r.week).toBeGreaterThan(0.6);
    const dashboard = computeDashboard(db);
    const lastWeeks = await backtestWeeks(db, [
      {
        key: dashboard.weeks.at(-1)!.week,
        start: dashboard.weeks.at(-1)!.start,
        end: new Date(Date.parse(dashboard.weeks.at(-1)!.start) + 7 * 864e5).toISOString(),
      },
    ]);
    expect(lastWeeks[0]!.right).toBeGreaterThan(0.95);
    expect(dashboard.liftPp).toBeGreaterThan(20);
    expect(dashboard.unansweredDrop!.week).toBe(4);

    // the spikes are the demo's events: the outage and the feature launch
    const company = new DemoCompany({ seed: 7, weeks: HISTORY + WEEKS, perWeek: 300, start: demoStart(new Date(), HISTORY) });
    const weekKey = (w: number) => rows[w]!.week;
    const labelled = dashboard.spikes.map((s) => [s.week, s.label]);
    expect(new Set(labelled.map((l) => l.join(' ')))).toEqual(
      new Set([
        `${weekKey(company.events.outageWeek)} App shows an error at sign-in`,
        `${weekKey(company.events.launchWeek)} Use the kettle in Alexa routines`,
      ]),
    );
  }, 120_000);

  it('with learning off, both stay flat', async () => {
    const db = openDatabase(join(tempDir(), 'off.db'), { create: true });
    const rows = await simulate(db, { ...options, learning: false });
    const [before, after] = [rows.slice(0, HISTORY), rows.slice(HISTORY)];
    expect(Math.abs(mean(rates(after)) - mean(rates(before)))).toBeLessThan(0.04);
    expect(Math.abs(mean(after.map((r) => r.unanswered)) / mean(before.map((r) => r.unanswered)) - 1)).toBeLessThan(0.15);
    expect(rows.every((r) => r.approved === 0 && r.articles === 0 && r.backtest === 0)).toBe(true);
    expect(computeDashboard(db).tier.tier).toBeNull();
  }, 60_000);
});
