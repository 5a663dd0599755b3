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
  for (const m of answer.matchAll(/[\p{L}\p{N} ]+(?:\s*[>→»]\s*[\p{L}\p{N} ]+)+/gu)) {
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
