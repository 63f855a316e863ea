import { describe, expect, it } from 'vitest';
import { decodeSearchCursor, encodeSearchCursor, MAX_SEARCH_OFFSET, toSearchRequest } from './search-request.ts';
import { searchCacheKey } from './search-cache.ts';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return undefined;
};

describe('toSearchRequest', () => {
  it('normalises the query and filters so equal searches share one cache key', () => {
    const a = toSearchRequest({ query: '  Denim   JACKET ', filter: { brands: ["Levi's", ' levi\'s', 'Wrangler'], conditions: ['GOOD', 'FAIR', 'GOOD'] } });
    const b = toSearchRequest({ query: 'denim jacket', filter: { conditions: ['FAIR', 'GOOD'], brands: ['wrangler', "LEVI'S"], sizes: [] } });
    expect(a).toEqual({ query: 'denim jacket', filter: { conditions: ['FAIR', 'GOOD'], brands: ["levi's", 'wrangler'] }, sort: 'RELEVANCE', offset: 0, limit: 20 });
    expect(searchCacheKey(a)).toBe(searchCacheKey(b));
    expect(searchCacheKey(a)).not.toBe(searchCacheKey({ ...b, sort: 'NEWEST' }));
    expect(searchCacheKey(a)).not.toBe(searchCacheKey({ ...b, offset: 20 }));
  });

  it('treats an empty or whitespace query as browsing', () => {
    expect(toSearchRequest({ query: '   ' }).query).toBe('');
    expect(toSearchRequest({}).query).toBe('');
  });

  it('refuses an over-long query with BAD_USER_INPUT', () => {
    expect(codeOf(() => toSearchRequest({ query: 'x'.repeat(201) }))).toEqual({ code: 'BAD_USER_INPUT', field: 'query' });
  });

  it('pages on from the cursor of the last result seen', () => {
    expect(toSearchRequest({ first: 5, after: encodeSearchCursor(9) })).toMatchObject({ offset: 10, limit: 5 });
    expect(toSearchRequest({ first: 50, after: encodeSearchCursor(MAX_SEARCH_OFFSET - 11) })).toMatchObject({ offset: MAX_SEARCH_OFFSET - 10, limit: 10 });
  });
});

describe('decodeSearchCursor', () => {
  it('refuses garbage, foreign and out-of-range cursors', () => {
    expect(decodeSearchCursor(encodeSearchCursor(0))).toBe(0);
    for (const cursor of ['nope', Buffer.from('["search",-1]').toString('base64url'), Buffer.from('["search",1.5]').toString('base64url'), encodeSearchCursor(MAX_SEARCH_OFFSET), Buffer.from('["2026-01-01T00:00:00.000Z","x"]').toString('base64url')]) {
      expect(codeOf(() => decodeSearchCursor(cursor))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});
