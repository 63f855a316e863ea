import { Prisma } from '../generated/prisma/client.ts';
import { synonymsOf } from './fashion-synonyms.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from './highlight.ts';
import type { SearchFilter, SearchRequest } from './search-engine.ts';

/**
 * The SQL pieces of a PostgreSQL search over "catalog"."SearchDocument" (alias `d`). Every value is a bound
 * parameter; query words are reduced to letters and digits before they reach `to_tsquery`, whose own syntax
 * (`&`, `|`, `!`, `:`) would otherwise be an error, not an injection.
 */

/** Below this length a word must match exactly or as a prefix: a typo in a 3-letter word matches too much. */
export const MIN_TYPO_WORD_LENGTH = 4;
/** How many query words take part; the rest of a long query adds cost, not precision. */
const MAX_WORDS = 8;

export const queryWords = (query: string): string[] => (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);

/** Index words spelled like a query word (from "SearchWord", see PostgresSearchEngine.similarWords). */
export type SimilarWords = Map<string, string[]>;

/**
 * The tsquery text for one query word: itself as a word or prefix (stemmed, so "jackets" finds "jacket"), its
 * fashion synonyms, and the index's words spelled like it (a typo). Only letters and digits reach `to_tsquery`,
 * whose own syntax (`&`, `|`, `!`, `:`) would otherwise be an error, not an injection.
 */
function termQuery(word: string, similar: SimilarWords): string {
  const prefixes = synonymsOf(word).map((alternative) => `${alternative}:*`);
  const typos = (similar.get(word) ?? []).filter((candidate) => /^[\p{L}\p{N}]+$/u.test(candidate));
  return [...prefixes, ...typos].join(' | ');
}

/** Each word must match (a stop word like "the" has an empty tsquery and constrains nothing). */
function wordMatches(word: string, similar: SimilarWords): Prisma.Sql {
  const query = termQuery(word, similar);
  return Prisma.sql`(numnode(to_tsquery('english', ${query})) = 0 OR d."document" @@ to_tsquery('english', ${query}))`;
}

const anyQuery = (words: string[], similar: SimilarWords) => words.map((word) => termQuery(word, similar)).join(' | ');

function filterConditions(filter: SearchFilter): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.categoryId) conditions.push(Prisma.sql`d."categoryPath" @> ARRAY[${filter.categoryId}::uuid]`);
  if (filter.sellerId) conditions.push(Prisma.sql`d."sellerId" = ${filter.sellerId}::uuid`);
  if (filter.minPrice != null) conditions.push(Prisma.sql`d."priceAmount" >= ${filter.minPrice}`);
  if (filter.maxPrice != null) conditions.push(Prisma.sql`d."priceAmount" <= ${filter.maxPrice}`);
  if (filter.conditions?.length) conditions.push(Prisma.sql`d."condition"::text = ANY(${filter.conditions}::text[])`);
  if (filter.sizes?.length) conditions.push(Prisma.sql`lower(d."size") = ANY(${filter.sizes}::text[])`);
  if (filter.brands?.length) conditions.push(Prisma.sql`lower(d."brand") = ANY(${filter.brands}::text[])`);
  if (filter.colors?.length) conditions.push(Prisma.sql`lower(d."color") = ANY(${filter.colors}::text[])`);
  return conditions;
}

/** `WHERE …` selecting every match of the request. */
export function whereClause(request: SearchRequest, similar: SimilarWords): Prisma.Sql {
  const conditions = [...queryWords(request.query).map((word) => wordMatches(word, similar)), ...filterConditions(request.filter)];
  return conditions.length === 0 ? Prisma.empty : Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}`;
}

/**
 * Relevance: an exact title match first, then tsvector rank with the weights title > brand and categories >
 * colour and size > description.
 */
function relevance(request: SearchRequest, words: string[], similar: SimilarWords): Prisma.Sql {
  return Prisma.sql`(CASE WHEN lower(d."title") = ${request.query.toLowerCase()} THEN 10 ELSE 0 END
    + ts_rank('{0.1, 0.2, 0.4, 1.0}', d."document", to_tsquery('english', ${anyQuery(words, similar)})))`;
}

/** `ORDER BY …`: ties always newest first, then by id, so pages never overlap or skip. */
export function orderClause(request: SearchRequest, similar: SimilarWords): Prisma.Sql {
  const newest = Prisma.sql`d."createdAt" DESC, d."productId" DESC`;
  const words = queryWords(request.query);
  switch (request.sort) {
    case 'NEWEST':
      return Prisma.sql`ORDER BY ${newest}`;
    case 'PRICE_ASC':
      return Prisma.sql`ORDER BY d."priceAmount" ASC, ${newest}`;
    case 'PRICE_DESC':
      return Prisma.sql`ORDER BY d."priceAmount" DESC, ${newest}`;
    case 'RELEVANCE':
      return words.length === 0 ? Prisma.sql`ORDER BY ${newest}` : Prisma.sql`ORDER BY ${relevance(request, words, similar)} DESC, ${newest}`;
  }
}

/** The title and a description excerpt with matches between the highlight markers; null columns without a query. */
export function highlightColumns(request: SearchRequest, similar: SimilarWords): Prisma.Sql {
  const words = queryWords(request.query);
  if (words.length === 0) return Prisma.sql`NULL::text AS "highlightedTitle", NULL::text AS "highlightedDescription"`;
  const query = Prisma.sql`to_tsquery('english', ${anyQuery(words, similar)})`;
  const marks = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}`;
  return Prisma.sql`ts_headline('english', d."title", ${query}, ${`${marks}, HighlightAll=true`}) AS "highlightedTitle",
    ts_headline('english', d."description", ${query}, ${`${marks}, MaxWords=24, MinWords=10, MaxFragments=1`}) AS "highlightedDescription"`;
}
