import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../src/main/core/db/open';
import { computeDashboard, LEARNING_SINCE_KEY, TIME_ZONE_KEY } from '../../src/main/core/metrics/dashboard';
import { liftPp, median, resolutionRate, spikeWeeks, tierOf, unansweredDrop } from '../../src/main/core/metrics/figures';
import { weekOf, weeksBetween } from '../../src/main/core/metrics/weeks';
import { setSetting } from '../../src/main/core/system/settings';
import { allWeeksBeforeLearning, formatHours, type Dashboard } from '../../src/shared/domain/metrics';
import { tempDir, testEngine } from '../helpers/temp';

describe('ISO weeks in the workspace time zone', () => {
  it('start on Monday 00:00 local time, across DST and year ends', () => {
    // Sunday 29 March 2026 is the day Berlin moves to summer time
    expect(weekOf(Date.parse('2026-03-29T21:59:59Z'), 'Europe/Berlin')).toEqual({
      key: '2026-W13',
      start: '2026-03-22T23:00:00.000Z',
      end: '2026-03-29T22:00:00.000Z',
    });
    expect(weekOf(Date.parse('2026-03-29T22:00:00Z'), 'Europe/Berlin').key).toBe('2026-W14');
    // New Year's Eve evening in New York is already 1 January in UTC
    expect(weekOf(Date.parse('2026-01-01T03:00:00Z'), 'America/New_York').key).toBe('2026-W01');
    expect(weekOf(Date.parse('2025-12-29T04:59:00Z'), 'America/New_York').key).toBe('2025-W52');
    expect(weekOf(Date.parse('2027-01-03T12:00:00Z'), 'UTC').key).toBe('2026-W53');
    expect(weekOf(Date.parse('2021-01-03T12:00:00Z'), 'UTC').key).toBe('2020-W53');
    expect(weeksBetween('2026-03-18T00:00:00Z', '2026-04-07T00:00:00Z', 'Europe/Berlin').map((w) => w.key)).toEqual([
      '2026-W12',
      '2026-W13',
      '2026-W14',
      '2026-W15',
    ]);
  });
});

describe('metric functions (DESIGN §3), against hand-computed values', () => {
  it('resolution rate, median, lift and unanswered drop', () => {
    expect(resolutionRate(3, 12)).toBe(0.25);
    expect(resolutionRate(0, 0)).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
    // before learning: 0.20, 0.10, null (empty week), 0.30 → mean 0.20; last four: 0.30, 0.40, 0.25, 0.25 → 0.30
    expect(liftPp([0.2, 0.1, null, 0.3, 0.3, 0.4, 0.25, 0.25], 4)).toBeCloseTo(10, 10);
    expect(liftPp([0.2, 0.3], null)).toBeNull();
    expect(liftPp([0.2, 0.3], 2)).toBeNull(); // learning this week: nothing after it yet
    // week 1 (learning) 40 unanswered; week 4: 22 → drop 45%
    expect(unansweredDrop([50, 40, 30, 25, 22, 10], 1)).toEqual({ week: 4, drop: 1 - 22 / 40 });
    expect(unansweredDrop([50, 40, 30], 1)).toEqual({ week: 2, drop: 0.25 });
    expect(unansweredDrop([50, 0, 3], 1)).toBeNull();
  });

  it('the tier is set by the weakest figure, and says which', () => {
    const world = { drop: { week: 4, drop: 0.45 }, liftPp: 6, latencyHours: 10, staleDrafts: 0 };
    expect(tierOf(world)).toEqual({ tier: 'world-class', reason: expect.stringContaining('down 45% by week 4') });
    expect(tierOf({ ...world, liftPp: 3.5 })).toEqual({ tier: 'solid', reason: 'Set by resolution rate +3.5 pp.' });
    expect(tierOf({ ...world, latencyHours: 10 * 24 })).toEqual({
      tier: 'average',
      reason: 'Set by median 10.0 days from draft to approval.',
    });
    expect(tierOf({ ...world, drop: { week: 4, drop: 0.02 }, liftPp: 0.5 }).tier).toBe('needs work');
    expect(tierOf({ ...world, staleDrafts: 12 })).toEqual({
      tier: 'needs work',
      reason: '12 drafts have waited more than two weeks for review.',
    });
    expect(tierOf({ ...world, liftPp: null }).tier).toBeNull();
  });

  it('finds a spike far above the trailing weeks, and not ordinary ups and downs', () => {
    expect(spikeWeeks([4, 5, 3, 4, 30, 5])).toEqual([{ index: 4, baseline: 4, z: 26 / 3 }]);
    expect(spikeWeeks([0, 0, 0, 12])).toEqual([{ index: 3, baseline: 0, z: 12 }]);
    expect(spikeWeeks([3, 2, 4, 3, 10, 3])).toEqual([]); // 10 where 3 is usual: a busy week, not an event
    expect(spikeWeeks([0, 0, 0, 4])).toEqual([]); // fewer than 5 tickets
  });
});

/** A workspace with tickets placed by hand: flags as the import derives them. */
function workspace(): {
  db: DB;
  ticket: (at: string, flags?: Partial<Record<'ai_involved' | 'ai_resolved' | 'unanswered' | 'handover' | 'reopened', number>>) => number;
} {
  const db = openDatabase(join(tempDir(), 'm.db'), { create: true });
  db.prepare(`INSERT INTO sources (id, kind, name, created_at) VALUES (1, 'file', 'test', '2026-01-01T00:00:00Z')`).run();
  let n = 0;
  const ticket = (at: string, flags: Partial<Record<string, number>> = {}) => {
    const id = ++n;
    db.prepare(
      `INSERT INTO tickets (id, source_id, external_id, status, created_at, ingested_at, ai_involved, ai_resolved, unanswered, handover, reopened) VALUES (?, 1, ?, 'solved', ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      `T${id}`,
      at,
      at,
      flags.ai_involved ?? 0,
      flags.ai_resolved ?? 0,
      flags.unanswered ?? 0,
      flags.handover ?? 0,
      flags.reopened ?? 0,
    );
    return id;
  };
  return { db, ticket };
}

describe('the dashboard on a small workspace', () => {
  it('counts per ISO week in the workspace time zone, with empty weeks and reopened tickets', () => {
    const { db, ticket } = workspace();
    setSetting(db, TIME_ZONE_KEY, 'Europe/Berlin');
    // week 2026-W10 (Mon 2 March, Berlin): 4 AI-involved, 1 resolved, 1 reopened (not resolved), 1 unanswered
    ticket('2026-03-02T08:00:00Z', { ai_involved: 1, ai_resolved: 1 });
    ticket('2026-03-03T08:00:00Z', { ai_involved: 1, reopened: 1, handover: 1 });
    ticket('2026-03-04T08:00:00Z', { ai_involved: 1, unanswered: 1, handover: 1 });
    ticket('2026-03-08T22:30:00Z', { ai_involved: 1 }); // Sunday 23:30 in Berlin: still W10
    ticket('2026-03-08T23:30:00Z', { ai_involved: 1, ai_resolved: 1 }); // Monday 00:30 in Berlin: W11
    ticket('2026-03-09T10:00:00Z'); // no AI
    // 2026-W12 is empty; W13 has one unanswered question
    ticket('2026-03-23T10:00:00Z', { ai_involved: 1, unanswered: 1, handover: 1 });
    const d = computeDashboard(db);
    expect(d.weeks.map((w) => [w.week, w.tickets, w.aiInvolved, w.aiResolved, w.resolutionRate, w.unanswered, w.handovers])).toEqual([
      ['2026-W10', 4, 4, 1, 0.25, 1, 2],
      ['2026-W11', 2, 1, 1, 1, 0, 0],
      ['2026-W12', 0, 0, 0, null, 0, 0],
      ['2026-W13', 1, 1, 0, 0, 1, 1],
    ]);
    expect(d.weeks[0]!.start).toBe('2026-03-01T23:00:00.000Z');
    expect(d.learningWeek).toBeNull();
    expect(d.tier.tier).toBeNull();
    // in UTC both Sunday-evening tickets are still Sunday: W10
    setSetting(db, TIME_ZONE_KEY, 'UTC');
    expect(computeDashboard(db).weeks.map((w) => [w.week, w.tickets])).toEqual([
      ['2026-W10', 5],
      ['2026-W11', 1],
      ['2026-W12', 0],
      ['2026-W13', 1],
    ]);
  });

  it('measures lift, drop and latency from the week learning was switched on', () => {
    const { db, ticket } = workspace();
    setSetting(db, TIME_ZONE_KEY, 'UTC');
    // four weeks before learning at 1 of 4 resolved (25%), 4 unanswered each; then learning weeks at 3 of 4, unanswered 4, 3, 2, 1
    const monday = (w: number) => new Date(Date.UTC(2026, 1, 2) + w * 7 * 86_400_000);
    for (let w = 0; w < 8; w++) {
      const learning = w >= 4;
      for (let i = 0; i < 4; i++)
        ticket(new Date(monday(w).getTime() + (i + 1) * 3_600_000).toISOString(), {
          ai_involved: 1,
          ai_resolved: learning ? Number(i < 3) : Number(i < 1),
        });
      for (let i = 0; i < (learning ? 8 - w : 4); i++)
        ticket(new Date(monday(w).getTime() + 86_400_000 + i * 60_000).toISOString(), { unanswered: 1, handover: 1 });
    }
    setSetting(db, LEARNING_SINCE_KEY, new Date(monday(4).getTime() + 3_600_000).toISOString());
    // drafts approved 2 h, 10 h and 30 h after they were drafted, in week 5
    const drafted = monday(5).getTime();
    for (const [i, h] of [2, 10, 30].entries()) {
      db.prepare(
        `INSERT INTO drafts (id, kind, status, title, body_md, drafter, created_at, updated_at, approved_at) VALUES (?, 'new', 'approved', 't', 'b', 'extractive', ?, ?, ?)`,
      ).run(i + 1, new Date(drafted).toISOString(), new Date(drafted).toISOString(), new Date(drafted + h * 3_600_000).toISOString());
    }
    const d = computeDashboard(db);
    expect(d.weeks[0]!.week).toBe('2026-W06'); // Monday 2 February
    expect(d.learningWeek).toBe('2026-W10');
    expect(d.weeks.map((w) => w.resolutionRate)).toEqual([0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75]);
    expect(d.liftPp).toBeCloseTo(50, 10);
    // week 1 of learning: 4 unanswered; week 4: 1 → 75%
    expect(d.unansweredDrop).toEqual({ week: 4, drop: 0.75 });
    expect(d.weeks.find((w) => w.week === '2026-W11')).toMatchObject({ approved: 3, latencyHours: 10 });
    expect(d.latencyHours).toBe(10);
    expect(d.tier).toEqual({
      tier: 'world-class',
      reason: expect.stringMatching(/^Set by unanswered questions down 75% by week 4 and resolution rate \+50\.0 pp and median 10 h/),
    });
  });
});

describe('draft-to-approve latency', () => {
  it('counts drafts approved after the last ticket while the range has no end, and only those in a range with one', () => {
    const { db, ticket } = workspace();
    // a history imported once, its drafts reviewed weeks later
    ticket('2026-03-02T08:00:00Z');
    ticket('2026-03-10T08:00:00Z');
    const approve = (id: number, created: string, hours: number) =>
      db
        .prepare(
          `INSERT INTO drafts (id, kind, status, title, body_md, drafter, created_at, updated_at, approved_at) VALUES (?, 'new', 'approved', 't', 'b', 'extractive', ?, ?, ?)`,
        )
        .run(id, created, created, new Date(Date.parse(created) + hours * 3_600_000).toISOString());
    approve(1, '2026-04-20T09:00:00Z', 6);
    approve(2, '2026-04-21T09:00:00Z', 30);
    approve(3, '2026-02-02T09:00:00Z', 100); // before the first ticket's week
    expect(computeDashboard(db).latencyHours).toBe(18);
    expect(computeDashboard(db, { from: '2026-03-02T00:00:00Z', to: '2026-03-15T00:00:00Z' }).latencyHours).toBeNull();
  });

  it('reads in minutes under an hour, hours under two days and days beyond', () => {
    expect([null, 0.05, 0.5, 6.25, 18, 47.5, 60].map(formatHours)).toEqual(['—', '3 min', '30 min', '6.3 h', '18 h', '48 h', '2.5 days']);
  });
});

describe('the topics table', () => {
  it('tells an approved article, a draft waiting on the board and a gap apart', () => {
    const { db, ticket } = workspace();
    const at = '2026-03-02T08:00:00Z';
    const topic = (label: string, draft: 'approved' | 'suggested' | 'rejected' | null) => {
      const id = Number(
        db
          .prepare(`INSERT INTO topics (origin, label, representative, size, created_at, updated_at) VALUES ('backfill', ?, ?, 3, ?, ?)`)
          .run(label, label, at, at).lastInsertRowid,
      );
      for (let i = 0; i < 3; i++)
        db.prepare('INSERT INTO topic_tickets (topic_id, ticket_id) VALUES (?, ?)').run(id, ticket(at, { handover: 1 }));
      if (draft)
        db.prepare(
          `INSERT INTO drafts (topic_id, kind, status, title, body_md, drafter, created_at, updated_at) VALUES (?, 'new', ?, ?, 'b', 'extractive', ?, ?)`,
        ).run(id, draft, label, at, at);
      return id;
    };
    topic('Download an invoice', 'approved');
    topic('Change your address', 'suggested');
    topic('Cancel an order', 'rejected');
    topic('Track a parcel', null);
    const rows = computeDashboard(db).topics.map((t) => [t.label, t.hasArticle, t.draftId !== null]);
    expect(rows).toEqual([
      ['Download an invoice', true, false],
      ['Change your address', false, true],
      ['Cancel an order', false, false],
      ['Track a parcel', false, false],
    ]);
    const waiting = computeDashboard(db).topics.find((t) => t.label === 'Change your address')!;
    expect(db.prepare('SELECT status FROM drafts WHERE id = ?').pluck().get(waiting.draftId)).toBe('suggested');
  });
});

describe('coverage gaps', () => {
  it('are questions handed over twice or more with no approved article, never one-offs', () => {
    const { db, ticket } = workspace();
    const at = '2026-03-02T08:00:00Z';
    const topic = (label: string, handovers: number, approved = false, setAside = 0) => {
      const id = Number(
        db
          .prepare(`INSERT INTO topics (origin, label, representative, size, created_at, updated_at) VALUES ('backfill', ?, ?, ?, ?, ?)`)
          .run(label, label, handovers, at, at).lastInsertRowid,
      );
      for (let i = 0; i < handovers; i++)
        db.prepare('INSERT INTO topic_tickets (topic_id, ticket_id, role) VALUES (?, ?, ?)').run(
          id,
          ticket(at, { handover: 1 }),
          i < setAside ? 'outlier' : 'member',
        );
      if (approved)
        db.prepare(
          `INSERT INTO drafts (topic_id, kind, status, title, body_md, drafter, created_at, updated_at) VALUES (?, 'new', 'approved', ?, 'b', 'extractive', ?, ?)`,
        ).run(id, label, at, at);
    };
    topic('Track a parcel', 4);
    topic('Cancel an order', 2);
    topic('Download an invoice', 5, true);
    topic('My dog ate the charger', 1);
    // asked alike, answered a different way each time
    topic('Close an account', 3, false, 2);
    expect(computeDashboard(db).gaps.map((g) => [g.label, g.handovers, g.answersDiffer])).toEqual([
      ['Track a parcel', 4, false],
      ['Close an account', 3, true],
      ['Cancel an order', 2, false],
    ]);
  });
});

describe('the workspace time zone', () => {
  it('is set through the contract, and an unknown zone is refused with a hint', async () => {
    const handle = testEngine();
    await handle.call('workspace.create', { name: 'Zones' });
    expect((await handle.call('metrics.configure', {})).timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(await handle.call('metrics.configure', { timeZone: 'Europe/Berlin' })).toEqual({ timeZone: 'Europe/Berlin' });
    expect(await handle.engine.dispatch('metrics.configure', { timeZone: 'Mars/Olympus' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/Europe\/Berlin/) },
    });
    expect((await handle.call('metrics.dashboard', {})).timeZone).toBe('Europe/Berlin');
    await handle.close();
  });
});

describe('the backtest of an imported history', () => {
  const week = (key: string) => ({ week: key }) as Dashboard['weeks'][number];
  it('is told apart when every week shown came before learning was switched on', () => {
    const weeks = [week('2026-W10'), week('2026-W21')];
    expect(allWeeksBeforeLearning({ learningWeek: '2026-W49', weeks })).toBe(true);
    expect(allWeeksBeforeLearning({ learningWeek: '2026-W21', weeks })).toBe(false);
    expect(allWeeksBeforeLearning({ learningWeek: '2026-W15', weeks })).toBe(false);
    expect(allWeeksBeforeLearning({ learningWeek: null, weeks })).toBe(false);
    expect(allWeeksBeforeLearning({ learningWeek: '2026-W49', weeks: [] })).toBe(false);
    // across a year end
    expect(allWeeksBeforeLearning({ learningWeek: '2027-W02', weeks: [week('2026-W53')] })).toBe(true);
  });
});
