/** One ISO week of the dashboard (DESIGN §3), in the workspace's time zone. */
export interface WeekFigures {
  week: string;
  start: string;
  tickets: number;
  aiInvolved: number;
  aiResolved: number;
  /** AI-resolved ÷ AI-involved; null for a week without AI-involved tickets. */
  resolutionRate: number | null;
  unanswered: number;
  handovers: number;
  /** Drafts approved this week. */
  approved: number;
  /** Median hours from draft creation to approval, over drafts approved this week. */
  latencyHours: number | null;
}

/** The backtest of one week: its AI-involved questions against the knowledge base as it stood before the week. */
export interface BacktestWeek {
  week: string;
  questions: number;
  /** Share the knowledge base would answer with confidence. */
  answered: number | null;
  /** Of the answered ones with ground truth, the share matched to the right article. */
  right: number | null;
}

export type Tier = 'world-class' | 'solid' | 'average' | 'needs work';

export interface TierVerdict {
  tier: Tier | null;
  /** Which figure sets the tier, in words. */
  reason: string;
}

/** A ticket named on the dashboard, to open. */
export interface TicketRef {
  id: number;
  externalId: string;
  /** Its subject, or without one the start of what it asks. */
  subject: string | null;
}

/** A gap is a question that came back: one handover alone is a one-off, not a hole in the knowledge base. */
export const GAP_MIN_HANDOVERS = 2;

export interface CoverageGap {
  topicId: number;
  label: string;
  handovers: number;
  /** The most recent of those handovers. */
  tickets: TicketRef[];
  /** The topic's draft, if it has one not yet approved. */
  draftId: number | null;
  draftStatus: string | null;
  /** Asked alike, but the team's answers do not agree: no draft comes until someone writes the answer. */
  answersDiffer: boolean;
}

export interface TopicRow {
  topicId: number;
  label: string;
  volume: number;
  aiInvolved: number;
  handovers: number;
  /** Handovers ÷ AI-involved over the range; null without AI-involved tickets. */
  escalationRate: number | null;
  /** Tickets per week, for the sparkline. */
  trend: number[];
  hasArticle: boolean;
  /** The topic's draft on the board (suggested or in review), if any. */
  draftId: number | null;
}

export interface Spike {
  topicId: number;
  label: string;
  week: string;
  count: number;
  /** Mean of the trailing weeks it is compared with. */
  baseline: number;
  z: number;
  tickets: TicketRef[];
}

export interface Dashboard {
  timeZone: string;
  /** When learning was switched on for this workspace (the first learning run), or null. */
  learningSince: string | null;
  /** The week learning was switched on. */
  learningWeek: string | null;
  weeks: WeekFigures[];
  /** Mean resolution rate of the last 4 weeks − mean of the 4 weeks before learning, in percentage points. */
  liftPp: number | null;
  /** 1 − (unanswered in week k ÷ week 1), from the learning week (week 1) on; the figure at week 4 or the latest. */
  unansweredDrop: { week: number; drop: number } | null;
  /** Median draft-to-approve time over the range, in hours. */
  latencyHours: number | null;
  /** Drafts waiting for review for more than two weeks. */
  staleDrafts: number;
  tier: TierVerdict;
  gaps: CoverageGap[];
  topics: TopicRow[];
  spikes: Spike[];
}

/**
 * Whether every week shown came before learning was switched on: the backtest replays each week
 * against the articles approved before it, so an imported history replays against none.
 */
export function allWeeksBeforeLearning(data: Pick<Dashboard, 'learningWeek' | 'weeks'>): boolean {
  const learning = data.learningWeek;
  // week keys ("2026-W09") sort as text in time order
  return learning !== null && data.weeks.length > 0 && data.weeks.every((w) => w.week < learning);
}

export interface DashboardFilter {
  from?: string;
  to?: string;
  sourceId?: number;
  topicId?: number;
}

/** What approving a draft would change, replayed like the backtest. */
export interface DraftImpact {
  /** The draft's own questions and similar historic ones. */
  similar: number;
  /** Of those, how many the knowledge base with the draft would answer with it. */
  wouldAnswer: number;
  /** How many the knowledge base answers today (without the draft). */
  answeredToday: number;
  /** Questions the AI answered right today whose answer would switch to this draft. */
  changesRight: number;
}

/**
 * How the impact line starts for a card: one with a section still to write, or a conflict's two
 * answers still to make one, would answer those questions only once the lead has done that.
 */
export function impactLeadIn(card: { kind: string; emptySection: string | null }): string {
  if (card.emptySection !== null) return 'Once its answer is written, would answer';
  if (card.kind === 'conflict') return 'Once edited into one answer, would answer';
  return 'Would now answer';
}

/** A duration in hours as a lead reads it: minutes under an hour, hours under two days, days beyond. */
export function formatHours(h: number | null): string {
  if (h === null) return '—';
  if (h < 1) return `${Math.round(h * 60)} min`;
  if (h < 48) return `${h.toFixed(h < 10 ? 1 : 0)} h`;
  return `${(h / 24).toFixed(1)} days`;
}
