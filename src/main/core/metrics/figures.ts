import type { Tier, TierVerdict } from '../../../shared/domain/metrics';

/** AI resolution rate: AI-resolved ÷ AI-involved (DESIGN §3); null when nothing was AI-involved. */
export function resolutionRate(aiResolved: number, aiInvolved: number): number | null {
  return aiInvolved > 0 ? aiResolved / aiInvolved : null;
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(xs: (number | null)[]): number | null {
  const known = xs.filter((x): x is number => x !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

/**
 * Lift in percentage points: mean rate of the last 4 weeks − mean of the 4 weeks before the
 * learning week. Null before learning, or without weeks on either side.
 */
export function liftPp(rates: (number | null)[], learningIndex: number | null): number | null {
  if (learningIndex === null || learningIndex < 0) return null;
  const before = mean(rates.slice(Math.max(0, learningIndex - 4), learningIndex));
  const last = mean(rates.slice(Math.max(learningIndex, rates.length - 4)));
  return before === null || last === null || rates.length <= learningIndex ? null : (last - before) * 100;
}

/**
 * Unanswered drop: 1 − (week k ÷ week 1), week 1 being the learning week. Returns the figure at
 * week 4, or at the latest week before that; null before learning or when week 1 had none.
 */
export function unansweredDrop(unanswered: number[], learningIndex: number | null): { week: number; drop: number } | null {
  if (learningIndex === null || learningIndex < 0 || learningIndex >= unanswered.length) return null;
  const first = unanswered[learningIndex]!;
  if (first === 0) return null;
  const k = Math.min(4, unanswered.length - learningIndex);
  return { week: k, drop: 1 - unanswered[learningIndex + k - 1]! / first };
}

const ORDER: Tier[] = ['needs work', 'average', 'solid', 'world-class'];

/** The published industry bands (DESIGN §3), one figure at a time. */
function band(value: number, cuts: [number, number, number], higherIsBetter = true): Tier {
  const [avg, solid, world] = cuts;
  const at = (c: number) => (higherIsBetter ? value >= c : value < c);
  return at(world) ? 'world-class' : at(solid) ? 'solid' : at(avg) ? 'average' : 'needs work';
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * The tier is set by the weakest of the three figures (unanswered drop by week 4, lift, median
 * draft-to-approve time); drafts piling up unreviewed make it "needs work" whatever the rest.
 */
export function tierOf(f: {
  drop: { week: number; drop: number } | null;
  liftPp: number | null;
  latencyHours: number | null;
  staleDrafts: number;
}): TierVerdict {
  if (f.staleDrafts >= 10) return { tier: 'needs work', reason: `${f.staleDrafts} drafts have waited more than two weeks for review.` };
  if (!f.drop || f.liftPp === null || f.latencyHours === null) {
    return { tier: null, reason: 'The tier needs learning switched on, a week of results on each side, and an approved draft.' };
  }
  const figures: { tier: Tier; says: string }[] = [
    { tier: band(f.drop.drop, [0.05, 0.2, 0.4]), says: `unanswered questions down ${pct(f.drop.drop)} by week ${f.drop.week}` },
    { tier: band(f.liftPp, [1, 3, 5]), says: `resolution rate ${f.liftPp >= 0 ? '+' : ''}${f.liftPp.toFixed(1)} pp` },
    {
      tier: band(f.latencyHours, [14 * 24, 7 * 24, 24], false),
      says: `median ${f.latencyHours < 48 ? `${Math.round(f.latencyHours)} h` : `${(f.latencyHours / 24).toFixed(1)} days`} from draft to approval`,
    },
  ];
  const lowest = figures.reduce((low, f2) => (ORDER.indexOf(f2.tier) < ORDER.indexOf(low.tier) ? f2 : low));
  const setters = figures.filter((x) => x.tier === lowest.tier).map((x) => x.says);
  return { tier: lowest.tier, reason: `Set by ${setters.join(' and ')}.` };
}

/**
 * Spikes in one topic's weekly volumes: a week far above its trailing baseline (the 4 weeks
 * before it): z over 3 with at least 5 tickets. The spread is floored at the Poisson one plus one,
 * so ordinary ups and downs of a small topic (10 tickets where 3 are usual) are not spikes.
 */
export function spikeWeeks(counts: number[], trailing = 4): { index: number; baseline: number; z: number }[] {
  const out: { index: number; baseline: number; z: number }[] = [];
  for (let i = 2; i < counts.length; i++) {
    const window = counts.slice(Math.max(0, i - trailing), i);
    const m = window.reduce((a, b) => a + b, 0) / window.length;
    const sd = Math.sqrt(window.reduce((a, b) => a + (b - m) ** 2, 0) / window.length);
    const z = (counts[i]! - m) / Math.max(sd, Math.sqrt(m) + 1);
    if (counts[i]! >= 5 && z > 3) out.push({ index: i, baseline: m, z });
  }
  return out;
}
