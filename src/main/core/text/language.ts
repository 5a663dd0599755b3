import { isEnglishWord } from './english-words';

/** A text's words, lower case: letters first, then letters, digits and apostrophes. */
export const wordsOf = (text: string) => text.toLowerCase().match(/\p{L}[\p{L}\p{N}'’]*/gu) ?? [];

/** Whether a text reads as English: at least half of its words of three letters or more are English words. */
export function inEnglish(text: string): boolean {
  const words = wordsOf(text).filter((w) => w.length > 2);
  return words.filter((w) => isEnglishWord(w)).length * 2 >= words.length;
}
