import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

let words: Set<string> | null = null;

/**
 * Whether a word is spelled as English writes it: in a list of about 275,000 English words and
 * their forms (the `word-list` package), or one of them with 's, 're, 've, 'll, 'd, 'm or n't.
 * Loaded on first use (a few tens of milliseconds, 20 MB).
 */
export function isEnglishWord(word: string): boolean {
  words ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  const w = word.toLowerCase().replace(/’/g, "'");
  return words.has(w) || words.has(w.replace(/(?:n't|'(?:s|re|ve|ll|d|m))$/, ''));
}
