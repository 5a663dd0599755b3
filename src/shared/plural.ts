/** "1 handover", "3 handovers": a count with its word, in the plural unless it is one. */
export const plural = (n: number, word: string): string => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
