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
const MIN_TYPO_WORD_LENGTH = 4;
/** How many query words take part; the rest of a long query adds cost, not precision. */
const MAX_WORDS = 8;

export const queryWords = (query: string): string[] => (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);

/**
 * Each word must match: as a word or word prefix of the weighted tsvector (stemmed, so "jackets" finds "jacket"),
 * or — for typos — by trigram word similarity against the short `searchText` (title, brand, categories, colour),
 * through its GIN index. A stop word ("the") has an empty tsquery and constrains nothing. Fashion synonyms
 * ("trainers" for "sneakers") count as the word.
 */
function wordMatches(word: string): Prisma.Sql {
  const prefix = synonymsOf(word).map((alternative) => `${alternative}:*`).join(' | ');
  const typo = word.length >= MIN_TYPO_WORD_LENGTH ? Prisma.sql` OR ${word} OPERATOR(public.<%) d."searchText"` : Prisma.empty;
  return Prisma.sql`(numnode(to_tsquery('english', ${prefix})) = 0 OR d."document" @@ to_tsquery('english', ${prefix})${typo})`;
}

const anyQuery = (words: string[]) => words.flatMap((word) => synonymsOf(word).map((alternative) => `${alternative}:*`)).join(' | ');

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
export function whereClause(request: SearchRequest): Prisma.Sql {
  const conditions = [...queryWords(request.query).map(wordMatches), ...filterConditions(request.filter)];
  return conditions.length === 0 ? Prisma.empty : Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}`;
}

/**
 * Relevance: an exact title match first, then tsvector rank with the weights title > brand and categories >
 * colour and size > description, then trigram similarity (which is all a typo has).
 */
function relevance(request: SearchRequest, words: string[]): Prisma.Sql {
  return Prisma.sql`(CASE WHEN lower(d."title") = ${request.query.toLowerCase()} THEN 10 ELSE 0 END
    + ts_rank('{0.1, 0.2, 0.4, 1.0}', d."document", to_tsquery('english', ${anyQuery(words)}))
    + public.word_similarity(${request.query.toLowerCase()}, d."searchText"))`;
}

/** `ORDER BY …`: ties always newest first, then by id, so pages never overlap or skip. */
export function orderClause(request: SearchRequest): Prisma.Sql {
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
      return words.length === 0 ? Prisma.sql`ORDER BY ${newest}` : Prisma.sql`ORDER BY ${relevance(request, words)} DESC, ${newest}`;
  }
}

/** The title and a description excerpt with matches between the highlight markers; null columns without a query. */
export function highlightColumns(request: SearchRequest): Prisma.Sql {
  const words = queryWords(request.query);
  if (words.length === 0) return Prisma.sql`NULL::text AS "highlightedTitle", NULL::text AS "highlightedDescription"`;
  const query = Prisma.sql`to_tsquery('english', ${anyQuery(words)})`;
  const marks = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}`;
  return Prisma.sql`ts_headline('english', d."title", ${query}, ${`${marks}, HighlightAll=true`}) AS "highlightedTitle",
    ts_headline('english', d."description", ${query}, ${`${marks}, MaxWords=24, MinWords=10, MaxFragments=1`}) AS "highlightedDescription"`;
}
