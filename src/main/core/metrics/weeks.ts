/** ISO weeks (Monday to Monday) in a time zone, as UTC instants: the dashboard's unit of time. */
export interface Week {
  /** ISO week, e.g. "2026-W07". */
  key: string;
  /** First instant of the week (Monday 00:00 local), ISO UTC. */
  start: string;
  /** First instant of the next week. */
  end: string;
}

const DAY = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function format(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(tz, f);
  }
  return f;
}

/** The wall-clock date and time at instant `t` in `tz`, as if it were UTC. */
function wallClock(t: number, tz: string): number {
  const parts = Object.fromEntries(
    format(tz)
      .formatToParts(new Date(t))
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour) % 24,
    Number(parts.minute),
    Number(parts.second),
  );
}

/** The instant of local midnight starting the wall-clock day `day` (a UTC-midnight timestamp) in `tz`. */
function localMidnight(day: number, tz: string): number {
  let t = day - (wallClock(day, tz) - day);
  t = day - (wallClock(t, tz) - t); // once more, for a day on which the offset changes
  return t;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    format(tz);
    return true;
  } catch {
    return false;
  }
}

function isoWeekKey(monday: number): string {
  const thursday = new Date(monday + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week containing instant `t` in `tz`. */
export function weekOf(t: number, tz: string): Week {
  const wall = wallClock(t, tz);
  const day = wall - (wall % DAY);
  const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
  return {
    key: isoWeekKey(monday),
    start: new Date(localMidnight(monday, tz)).toISOString(),
    end: new Date(localMidnight(monday + 7 * DAY, tz)).toISOString(),
  };
}

/** Consecutive weeks from the one holding `from` to the one holding `to`. */
export function weeksBetween(from: string, to: string, tz: string): Week[] {
  const weeks: Week[] = [];
  const last = weekOf(Date.parse(to), tz).key;
  let week = weekOf(Date.parse(from), tz);
  for (let guard = 0; guard < 1000; guard++) {
    weeks.push(week);
    if (week.key === last) break;
    week = weekOf(Date.parse(week.end) + 3_600_000, tz);
  }
  return weeks;
}
