/**
 * An answer that acts on one order or account ("I've approved a refund of $40 for order …",
 * "I have fixed that for you", "I've passed this to the team") is casework, not knowledge: it is
 * never drafted into an article.
 */
const ACTION =
  /\b(i['’]ve|i have|we['’]ve|we have|done:?|i['’]ll|i will)\b[^.!?\n]{0,60}\b(approved|refunded|cancell?ed|updated|changed|issued|applied|released|processed|credited|reshipped|waived|extended)\b/i;
/** Said by one agent of what they did for this customer ("we've fixed the bug in 2.3" is news for everyone). */
const DONE_FOR_YOU =
  /\b(i['’]ve|i have|i['’]ll|i will|done,)\s[^.!?\n]{0,60}\b(fixed|sorted|resolved|reset|unlocked|unblocked|reactivated|restored|resent|pass(ed)?|forward(ed)?|escalated?)\b/i;
const PASSIVE =
  /\b(order|account|subscription|payment|invoice)\b[^.!?\n]{0,40}\b(is|has been|was)\s+(now\s+)?(cancell?ed|refunded|updated|approved|credited|released)\b/i;
const STEPS = /^\s*(?:\d+[.)]|[-*•])\s+/m;

export function isAccountSpecific(answer: string): boolean {
  return (ACTION.test(answer) || DONE_FOR_YOU.test(answer) || PASSIVE.test(answer)) && !STEPS.test(answer);
}
