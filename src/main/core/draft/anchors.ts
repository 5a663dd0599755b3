/**
 * What an answer points the customer to: the places and labels it names — a quoted button
 * ("Card not received"), a menu path (Profile > Verify identity), a label in capitals inside a
 * sentence (Order History). Two wordings of one answer name the same places; a different answer
 * (email us instead of a button in the app) names others, or none.
 */
export function anchorsOf(answer: string): Set<string> {
  const out = new Set<string>();
  const add = (label: string) => {
    const key = label
      .toLowerCase()
      .replace(/[^\p{L}\p{N} ]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (key.length >= 3) out.add(key);
  };
  for (const m of answer.matchAll(/["“‘'«]([^"”’'»\n]{2,40})["”’'»]/g)) add(m[1]!);
  // each step of a menu path: "Card > Order status", "Account → Profile → Merge another account"
  // (most answers have none, and a long one takes the pattern quadratic time to rule out)
  const paths = /[>→»]/.test(answer) ? answer.matchAll(/[\p{L}\p{N} ]+(?:\s*[>→»]\s*[\p{L}\p{N} ]+)+/gu) : [];
  for (const m of paths) {
    const steps = m[0].split(/\s*[>→»]\s*/);
    // the first step starts at its last capital ("go to Profile"), the last ends before the sentence goes on
    const first = /\p{Lu}[\p{L}\p{N}]*(?: [\p{Ll}\p{N}]+)*$/u.exec(steps[0]!.trim())?.[0];
    const last = steps.at(-1)!.split(/ (?:and|then|to|in|or|so|for|under|on|with|from) /)[0]!;
    [first, ...steps.slice(1, -1), last].forEach((step) => step && add(step));
  }
  // two or more capitalised words inside a sentence, not at its start
  for (const m of answer.matchAll(/(?<=[\p{Ll}\p{N},;:] )(\p{Lu}[\p{L}\p{N}]+(?: \p{Lu}[\p{L}\p{N}]+)+)/gu)) add(m[1]!);
  return out;
}

/** Whether two answers' anchors (`anchorsOf`) have a place or label in common. */
export function shareAnchors(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};
const NUMBER = `(\\d+(?:[.,]\\d+)?|${Object.keys(NUMBER_WORDS).join('|')})`;
const UNIT = `(%|(?: ?per ?cent|(?:-| )(?:(?:working|business|calendar|banking) )?(?:minute|hour|day|week|month|year)s?)\\b)`;
const CURRENCY = {
  $: 'usd',
  '€': 'eur',
  '£': 'gbp',
  dollar: 'usd',
  dollars: 'usd',
  usd: 'usd',
  euro: 'eur',
  euros: 'eur',
  eur: 'eur',
  pound: 'gbp',
  pounds: 'gbp',
  gbp: 'gbp',
} as Record<string, string>;

/**
 * The figures an answer states with their unit: "5 working days" and "five business days" are
 * both 5 days, "0.5%" is 0.5 %, "$20" and "20 dollars" are 20 usd. Two wordings of one answer keep
 * its figures, whatever words they use around them; a bare number (a step, an option) is no figure.
 */
export function figuresOf(answer: string): Set<string> {
  const out = new Set<string>();
  const value = (n: string) => String(NUMBER_WORDS[n] ?? Number(n.replace(',', '.')));
  const text = answer.toLowerCase();
  for (const m of text.matchAll(new RegExp(`\\b${NUMBER}${UNIT}`, 'g'))) {
    const unit = m[2]!.includes('%') || m[2]!.includes('cent') ? '%' : m[2]!.replace(/s$/, '').split(/[- ]/).at(-1)!;
    out.add(`${value(m[1]!)} ${unit}`);
  }
  for (const m of text.matchAll(
    new RegExp(
      `([$€£]) ?${NUMBER}\\b|\\b${NUMBER} ?(${Object.keys(CURRENCY)
        .filter((c) => /\w/.test(c))
        .join('|')})\\b`,
      'g',
    ),
  ))
    out.add(`${value(m[2] ?? m[3]!)} ${CURRENCY[m[1] ?? m[4]!]}`);
  return out;
}

/** Minutes in each unit of time `figuresOf` reads: "24 hours" and "1 day" are one promise. */
const MINUTES: Record<string, number> = { minute: 1, hour: 60, day: 1440, week: 10080, month: 43200, year: 525600 };

/** A figure's kind (a share, money, a time) and its value within the kind. */
function kindOf(figure: string): [kind: string, value: string] {
  const [value, unit] = figure.split(' ') as [string, string];
  if (unit === '%') return ['share', value];
  if (unit in MINUTES) return ['time', String(Number(value) * MINUTES[unit]!)];
  return ['money', figure];
}

const within = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].every((x) => b.has(x));

/**
 * Whether two answers promise otherwise: both state figures of one kind (a share, money, a
 * time) and each states one the other does not: "within 5 working days" against "within 10
 * working days", "free up to 200 GBP" against "a limit of 500 euros", "5 working days, or order
 * again after 10" against "3 to 5 working days, 3 weeks abroad". An answer that states fewer
 * figures of that kind, all of them the other's (cut short, or worded without them), promises
 * nothing else.
 */
export function promisesOtherwise(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const byKind = (figures: ReadonlySet<string>) => {
    const kinds = new Map<string, Set<string>>();
    for (const [kind, value] of [...figures].map(kindOf)) (kinds.get(kind) ?? kinds.set(kind, new Set()).get(kind)!).add(value);
    return kinds;
  };
  const [x, y] = [byKind(a), byKind(b)];
  for (const [kind, values] of x) {
    const other = y.get(kind);
    if (other && !within(values, other) && !within(other, values)) return true;
  }
  return false;
}
