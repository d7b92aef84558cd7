import { containsWord } from './words.js';

/**
 * Whether a text names the brand (`campaign-samples-brand`, `help-message-content`): the brand's
 * name without its legal suffix ("Acme Realty LLC" → "Acme Realty"), as a whole phrase,
 * case-insensitive.
 */
export function mentionsBrand(text: string, brandName: string, legalSuffixes: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return brandNameForms(brandName, legalSuffixes).some((form) => containsWord(lower, form));
}

function brandNameForms(brandName: string, legalSuffixes: readonly string[]): string[] {
  const name = brandName.trim().toLowerCase();
  const suffixes = legalSuffixes.map((s) => s.toLowerCase().replace(/\.$/u, ''));
  const words = name.split(/[\s,]+/u).filter(Boolean);
  const last = (words.at(-1) ?? '').replace(/\.$/u, '');
  const base = words.length > 1 && suffixes.includes(last) ? words.slice(0, -1).join(' ') : name;
  return [...new Set([name, base])];
}
