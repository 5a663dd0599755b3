/**
 * Splits a reply into list items (its steps) and its other lines. A line stays whole: a note
 * like "No original box? Any sturdy box works." is one thought.
 */
export function parseAnswer(answer: string): { steps: string[]; sentences: string[] } {
  const steps: string[] = [];
  const sentences: string[] = [];
  for (const block of answer.split(/\n/)) {
    const line = block.trim();
    if (!line) continue;
    const item = /^(?:\d+[.)]|[-*•])\s+(.*)$/.exec(line);
    if (item) steps.push(item[1]!.trim());
    else sentences.push(line);
  }
  return { steps, sentences };
}

/** The form two phrasings of one step share: lower case, no punctuation, single spaces. */
export function stepKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}[\] ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
