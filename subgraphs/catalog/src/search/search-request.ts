import { badUserInput } from '@threadly/errors';
import type { ProductCondition } from '../generated/prisma/client.ts';
import type { SearchFilter, SearchRequest, SearchSort } from './search-engine.ts';

/** Longest query accepted; longer is BAD_USER_INPUT (nobody types more, and it would only cost). */
export const MAX_QUERY_LENGTH = 200;
/** Deepest position a cursor may point at: Meilisearch's `maxTotalHits`, so both engines page equally far. */
export const MAX_SEARCH_OFFSET = 10_000;

/** The arguments as the schema validated them. */
export interface SearchArgs {
  query?: string | null;
  filter?: {
    categoryId?: string | null;
    sellerId?: string | null;
    minPrice?: number | null;
    maxPrice?: number | null;
    conditions?: ProductCondition[] | null;
    sizes?: string[] | null;
    brands?: string[] | null;
    colors?: string[] | null;
  } | null;
  sort?: SearchSort | null;
  first?: number | null;
  after?: string | null;
}

/** Lower-cased, trimmed, without duplicates, sorted: equal filters become equal cache keys. */
const valueSet = (values: string[] | null | undefined) =>
  values?.length ? [...new Set(values.map((value) => value.trim().toLowerCase()))].sort() : undefined;

export function normaliseFilter(filter: SearchArgs['filter']): SearchFilter {
  if (!filter) return {};
  const normalised: SearchFilter = {
    categoryId: filter.categoryId?.toLowerCase() ?? undefined,
    sellerId: filter.sellerId?.toLowerCase() ?? undefined,
    minPrice: filter.minPrice ?? undefined,
    maxPrice: filter.maxPrice ?? undefined,
    conditions: filter.conditions?.length ? [...new Set(filter.conditions)].sort() : undefined,
    sizes: valueSet(filter.sizes),
    brands: valueSet(filter.brands),
    colors: valueSet(filter.colors),
  };
  return Object.fromEntries(Object.entries(normalised).filter(([, value]) => value !== undefined)) as SearchFilter;
}

/** Opaque to clients: base64url of `["search", position]`. */
export const encodeSearchCursor = (position: number) => Buffer.from(JSON.stringify(['search', position])).toString('base64url');

export function decodeSearchCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed[0] === 'search' && Number.isSafeInteger(parsed[1]) && parsed[1] >= 0 && parsed[1] < MAX_SEARCH_OFFSET) {
      return parsed[1] as number;
    }
  } catch {
    // Falls through: garbage and tampered cursors look alike to the client.
  }
  throw badUserInput('after: not a cursor this search produced', 'after');
}

/**
 * The engine request for validated arguments: the query trimmed, whitespace collapsed and lower-cased (both
 * engines ignore case), filters normalised, the page turned into an offset. An empty query is the browse order.
 */
export function toSearchRequest(args: SearchArgs, defaultPageSize = 20): SearchRequest {
  const query = (args.query ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  if (query.length > MAX_QUERY_LENGTH) throw badUserInput(`query: must be at most ${MAX_QUERY_LENGTH} characters`, 'query');
  const offset = args.after ? decodeSearchCursor(args.after) + 1 : 0;
  return {
    query,
    filter: normaliseFilter(args.filter),
    sort: args.sort ?? 'RELEVANCE',
    offset,
    limit: Math.min(args.first ?? defaultPageSize, MAX_SEARCH_OFFSET - offset),
  };
}
