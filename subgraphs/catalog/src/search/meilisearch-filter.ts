import type { SearchFilter, SearchSort } from './search-engine.ts';

/**
 * Meilisearch filter expressions from validated filter values. Every string goes through `quoteFilterValue`
 * and every number must be a safe integer, so no user input can end a value and add a clause of its own.
 */

/** A double-quoted Meilisearch string literal: backslashes and double quotes escaped with a backslash. */
export const quoteFilterValue = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const integer = (value: number): string => {
  if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer filter value: ${value}`);
  return String(value);
};

const anyOf = (attribute: string, values: string[]) => `${attribute} IN [${values.map(quoteFilterValue).join(', ')}]`;

/** The clauses of a filter, ANDed by Meilisearch (an array of strings). */
export function buildMeilisearchFilter(filter: SearchFilter): string[] {
  const clauses: string[] = [];
  if (filter.categoryId) clauses.push(`categoryIds = ${quoteFilterValue(filter.categoryId)}`);
  if (filter.sellerId) clauses.push(`sellerId = ${quoteFilterValue(filter.sellerId)}`);
  if (filter.minPrice != null) clauses.push(`priceAmount >= ${integer(filter.minPrice)}`);
  if (filter.maxPrice != null) clauses.push(`priceAmount <= ${integer(filter.maxPrice)}`);
  if (filter.conditions?.length) clauses.push(anyOf('condition', filter.conditions));
  if (filter.sizes?.length) clauses.push(anyOf('sizeKey', filter.sizes));
  if (filter.brands?.length) clauses.push(anyOf('brandKey', filter.brands));
  if (filter.colors?.length) clauses.push(anyOf('colorKey', filter.colors));
  return clauses;
}

/**
 * Meilisearch's `sort` for a request. Relevance has none (the ranking rules decide) unless the query is empty,
 * which is the browse order; ties always fall back to newest first, then id, as in PostgreSQL.
 */
export function buildMeilisearchSort(sort: SearchSort, query: string): string[] {
  const newest = ['createdAt:desc', 'id:desc'];
  switch (sort) {
    case 'NEWEST':
      return newest;
    case 'PRICE_ASC':
      return ['priceAmount:asc', ...newest];
    case 'PRICE_DESC':
      return ['priceAmount:desc', ...newest];
    case 'RELEVANCE':
      return query === '' ? newest : [];
  }
}
