/**
 * An answer that acts on one order or account ("I've approved a refund of $40 for order …")
 * is casework, not knowledge: it is never drafted into an article.
 */
const ACTION =
  /\b(i['’]ve|i have|we['’]ve|we have|done:?|i['’]ll|i will)\b[^.!?\n]{0,60}\b(approved|refunded|cancell?ed|updated|changed|issued|applied|released|processed|credited|reshipped|waived|extended)\b/i;
const PASSIVE =
  /\b(order|account|subscription|payment|invoice)\b[^.!?\n]{0,40}\b(is|has been|was)\s+(now\s+)?(cancell?ed|refunded|updated|approved|credited|released)\b/i;
const STEPS = /^\s*(?:\d+[.)]|[-*•])\s+/m;

export function isAccountSpecific(answer: string): boolean {
  return (ACTION.test(answer) || PASSIVE.test(answer)) && !STEPS.test(answer);
}
