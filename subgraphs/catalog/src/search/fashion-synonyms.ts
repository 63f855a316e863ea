/**
 * Words buyers use for the same thing. Meilisearch gets them as index synonyms; the PostgreSQL engine expands a
 * query word into the same alternatives (single words only, which is all this list holds). Each group is mutual.
 */
const GROUPS: string[][] = [
  ['tee', 'tshirt', 't-shirt'],
  ['sneakers', 'trainers', 'kicks'],
  ['pants', 'trousers'],
  ['jumper', 'sweater', 'pullover'],
  ['hoodie', 'sweatshirt'],
  ['jeans', 'denim'],
  ['bag', 'handbag', 'purse'],
  ['coat', 'parka'],
  ['skirt', 'miniskirt'],
  ['blazer', 'sportcoat'],
];

/** Meilisearch's `synonyms` setting: every word of a group maps to the others. */
export const fashionSynonyms: Record<string, string[]> = Object.fromEntries(
  GROUPS.flatMap((group) => group.map((word) => [word, group.filter((other) => other !== word)])),
);

/** The word and its synonyms as the PostgreSQL engine's tokenizer sees them (letters and digits only). */
export function synonymsOf(word: string): string[] {
  const alternatives = (fashionSynonyms[word] ?? []).map((synonym) => synonym.replace(/[^\p{L}\p{N}]+/gu, ''));
  return [...new Set([word, ...alternatives])];
}
