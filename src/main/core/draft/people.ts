import nlp from 'compromise';

/**
 * People's names anywhere in a text, found by an NLP library (compromise) on top of the
 * redaction rules: a customer who mentions a colleague, a friend or a name the rules do not
 * know. Only capitalised words of a match go, and never a word in `keep` (words many tickets
 * share are product names such as "Alexa", not a person's). About 2 ms a sentence: it runs on
 * what reaches a draft, not on every ticket.
 */
export function redactPeople(text: string, keep: ReadonlySet<string> = new Set()): { text: string; count: number } {
  if (!/\p{Lu}/u.test(text)) return { text, count: 0 };
  const spans: { start: number; end: number }[] = [];
  const people = nlp(text)
    .people()
    .json({ offset: true, terms: { offset: true } }) as { terms: { text: string; offset: { start: number; length: number } }[] }[];
  for (const person of people) {
    const names = person.terms.filter((t) => /^\p{Lu}/u.test(t.text) && !keep.has(t.text.toLowerCase()));
    if (!names.length) continue;
    const first = names[0]!.offset;
    const last = names[names.length - 1]!.offset;
    spans.push({ start: first.start, end: last.start + last.length });
  }
  let out = text;
  for (const span of spans.sort((a, b) => b.start - a.start)) out = `${out.slice(0, span.start)}[name]${out.slice(span.end)}`;
  return { text: out, count: spans.length };
}

/** Words that name a helpdesk account for what it does, not who uses it: "Acme Support", "Billing Team", "Help Desk". */
const ACCOUNT_WORD =
  /^(?:support|team|help|helpdesk|desk|service|services|customer|customers|care|billing|admin|administrator|agent|agents|success|sales|info|operator|system|bot|assistant|staff|department|dept|office|crew|concierge|happiness|experience|cx|cs|noreply)$/i;

/**
 * Of a ticket's people (requester and agents), the names that are a person's. An account named
 * for a team or a role ("Support", "Acme Support") is no one's, and its words ("support", the
 * brand) run through every answer; of such a name only the parts known as people's names stay
 * ("Sarah (Support)" is Sarah).
 */
export function personalNames(names: string[]): string[] {
  return names.flatMap((name) => {
    const parts = name.split(/[\s()[\]|,/·]+/).filter(Boolean);
    if (!parts.some((part) => ACCOUNT_WORD.test(part))) return [name];
    const people = parts.filter((part) => !ACCOUNT_WORD.test(part) && nlp(part).has('#Person'));
    return people.length ? [people.join(' ')] : [];
  });
}

/** Words that many of these texts share: a name in most of a topic's tickets is a product's, not a person's. */
export function sharedWords(texts: string[], minTexts = 3): Set<string> {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of new Set(t.toLowerCase().match(/\p{L}+/gu) ?? [])) counts.set(w, (counts.get(w) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n >= minTexts).map(([w]) => w));
}
