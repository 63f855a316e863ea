import type { Settings } from 'meilisearch';
import { fashionSynonyms } from './fashion-synonyms.ts';

/** Facets every search asks for; what `SearchFacets` names them. */
export const MEILISEARCH_FACETS = { category: 'categoryId', condition: 'condition', size: 'size', brand: 'brand' } as const;

/**
 * The index settings, applied at every start (Meilisearch leaves an index with equal settings untouched, so it
 * is idempotent and cheap) and to every index a rebuild creates.
 * - Searchable attributes in order of importance, as the PostgreSQL engine weighs them.
 * - `sort` first among the ranking rules: an explicit order (price, newest) is strict, as in PostgreSQL; without
 *   one (relevance) the rule does nothing.
 * - Typos: one from 4 letters, two from 8 (Meilisearch's defaults are 5 and 9; short fashion words like "jeans"
 *   and "coat" matter).
 */
export const meilisearchSettings: Settings = {
  searchableAttributes: ['title', 'brand', 'categoryNames', 'color', 'size', 'description'],
  filterableAttributes: ['id', 'categoryId', 'categoryIds', 'sellerId', 'condition', 'priceAmount', 'size', 'brand', 'sizeKey', 'brandKey', 'colorKey'],
  sortableAttributes: ['createdAt', 'priceAmount', 'id'],
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  synonyms: fashionSynonyms,
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: 10_000 },
};
