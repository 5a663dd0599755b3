/**
 * "1 handover", "3 handovers": a count with its word, in the plural unless it is one. The count
 * is written as the locale writes numbers (the interface's by default; the CLI and jobs pass
 * 'en-US' so their output reads the same on every machine).
 */
export const plural = (n: number, word: string, locale?: string): string => `${n.toLocaleString(locale)} ${word}${n === 1 ? '' : 's'}`;
