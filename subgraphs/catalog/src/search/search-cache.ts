import { createHash } from 'node:crypto';
import { throttledErrorLog, type Logger } from '@threadly/logger';
import type { SearchCacheStore } from './search-cache-store.ts';
import type { SearchRequest, SearchResult } from './search-engine.ts';

/** The search tier of the cache hints (cacheTiers.list): 5 minutes. */
export const SEARCH_CACHE_TTL_SECONDS = 300;

interface CachedSearch {
  result: SearchResult;
  /** Every tag the result depends on, with its version when the result was computed. */
  tags: Record<string, number>;
}

export const productTag = (id: string) => `product:${id}`;
export const categoryTag = (id: string) => `category:${id}`;

/** The key of a normalised request (see SearchService.normalise): equal requests, equal keys. */
export const searchCacheKey = (request: SearchRequest): string =>
  createHash('sha256').update(JSON.stringify([request.query, request.filter, request.sort, request.offset, request.limit])).digest('base64url');

/**
 * Cache-aside for search results with tag invalidation. A result depends on the category it was filtered by
 * (read before the engine runs, so a change racing the search always wins) and on each listing on its page.
 * The indexer bumps a listing's tag and its category path's tags after the index has the change: a sold listing
 * is never served from here once its event is processed. A listing newly matching an unfiltered search shows up
 * there when the entry expires (at most 5 minutes). Cache failures are logged (throttled) and bypassed.
 */
export class SearchCache {
  private readonly reportFailure: (error: unknown, message: string) => void;

  constructor(
    private readonly store: SearchCacheStore,
    logger: Pick<Logger, 'error'>,
    private readonly ttlSeconds: number = SEARCH_CACHE_TTL_SECONDS,
  ) {
    this.reportFailure = throttledErrorLog(logger, 30_000);
  }

  async getOrCompute(request: SearchRequest, compute: () => Promise<SearchResult>): Promise<{ result: SearchResult; hit: boolean }> {
    if (this.ttlSeconds <= 0) return { result: await compute(), hit: false };
    const key = searchCacheKey(request);
    const requestTags = request.filter.categoryId ? [categoryTag(request.filter.categoryId)] : [];
    let requestVersions: number[];
    try {
      const { entry, versions } = await this.store.read(key, requestTags);
      requestVersions = versions;
      if (entry) {
        const cached = JSON.parse(entry) as CachedSearch;
        const tags = Object.keys(cached.tags);
        const current = await this.store.versions(tags);
        if (tags.every((tag, i) => cached.tags[tag] === current[i])) return { result: cached.result, hit: true };
      }
    } catch (error) {
      this.reportFailure(error, 'search cache unavailable: searching without it');
      return { result: await compute(), hit: false };
    }
    const result = await compute();
    await this.remember(key, requestTags, requestVersions, result);
    return { result, hit: false };
  }

  private async remember(key: string, requestTags: string[], requestVersions: number[], result: SearchResult) {
    try {
      const productTags = result.hits.map((hit) => productTag(hit.productId));
      const productVersions = await this.store.versions(productTags);
      const tags = Object.fromEntries([...requestTags.map((tag, i) => [tag, requestVersions[i]!]), ...productTags.map((tag, i) => [tag, productVersions[i]!])]);
      await this.store.write(key, JSON.stringify({ result, tags } satisfies CachedSearch), this.ttlSeconds);
    } catch (error) {
      this.reportFailure(error, 'search cache unavailable: result not stored');
    }
  }

  /** After the index changed: searches that showed these listings, or filtered by these categories, are misses. */
  async invalidate({ productIds, categoryIds }: { productIds: string[]; categoryIds: string[] }): Promise<void> {
    await this.store.bump([...productIds.map(productTag), ...categoryIds.map(categoryTag)]);
  }
}
