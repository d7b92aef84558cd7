/**
 * Whole-word, case-insensitive matching of word lists (SHAFT keywords, opt-out language, brand
 * names). A "word" may be a phrase; it matches only between non-letter, non-digit boundaries, so
 * `gun` matches "Gun show" but not "Begun".
 */
export function findWords(text: string, words: readonly string[]): string[] {
  const lower = text.toLowerCase();
  return words.filter((word) => containsWord(lower, word.toLowerCase()));
}

/** Whether `text` contains `word` (both already lower case) as a whole word or phrase. */
export function containsWord(lower: string, word: string): boolean {
  if (word.length === 0) return false;
  for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
    if (isBoundary(lower, at - 1) && isBoundary(lower, at + word.length)) return true;
  }
  return false;
}

function isBoundary(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return true;
  return !/[\p{L}\p{N}]/u.test(text[index] ?? '');
}
