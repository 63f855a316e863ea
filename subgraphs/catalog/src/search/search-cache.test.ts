import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startThrowawayRedisCluster } from '@threadly/testing';
import { createRedisSearchCacheStore } from './redis-search-cache-store.ts';
import { SearchCache } from './search-cache.ts';
import { createMemorySearchCacheStore, type SearchCacheStore } from './search-cache-store.ts';
import type { SearchRequest, SearchResult } from './search-engine.ts';

const silent = { error: () => undefined };
const request = (categoryId?: string): SearchRequest => ({ query: 'jacket', filter: categoryId ? { categoryId } : {}, sort: 'RELEVANCE', offset: 0, limit: 20 });
const resultWith = (...productIds: string[]): SearchResult => ({
  hits: productIds.map((productId) => ({ productId, highlightedTitle: null, highlightedDescription: null })),
  total: productIds.length,
  facets: { category: [], condition: [], size: [], brand: [] },
});

const stores: Array<[string, () => SearchCacheStore]> = [['memory', () => createMemorySearchCacheStore()]];
const redisUrl = process.env.REDIS_URL;
const opened: SearchCacheStore[] = [];
if (redisUrl) stores.push(['Redis', () => createRedisSearchCacheStore({ url: redisUrl, prefix: `test:search:${randomUUID()}:` })]);
// A real 3-master Redis Cluster too: a read pipelines the entry with its tags and a bump scripts the clock and the
// tags together, which only works when the store keeps all its keys in one slot.
const cluster = redisUrl ? await startThrowawayRedisCluster() : undefined;
if (cluster) stores.push(['Redis Cluster', () => createRedisSearchCacheStore({ url: cluster.url, prefix: `test:search:${randomUUID()}:`, commandTimeoutMs: 2_000 })]);
afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await cluster?.stop();
});

describe.each(stores)('SearchCache (%s store)', (_name, createStore) => {
  const cacheOf = () => {
    const store = createStore();
    opened.push(store);
    return new SearchCache(store, silent);
  };

  it('serves a repeated search from the cache until a listing on it changes', async () => {
    const cache = cacheOf();
    let computed = 0;
    const compute = async () => (computed += 1, resultWith('p1', 'p2'));
    expect((await cache.getOrCompute(request(), compute)).hit).toBe(false);
    expect((await cache.getOrCompute(request(), compute)).hit).toBe(true);
    await cache.invalidate({ productIds: ['p3'], categoryIds: [] });
    expect((await cache.getOrCompute(request(), compute)).hit).toBe(true);
    await cache.invalidate({ productIds: ['p2'], categoryIds: [] });
    expect((await cache.getOrCompute(request(), compute)).hit).toBe(false);
    expect(computed).toBe(2);
  });

  it('drops searches filtered by a category when a listing in it changes, even one they did not show', async () => {
    const cache = cacheOf();
    await cache.getOrCompute(request('cat-a'), async () => resultWith('p1'));
    await cache.invalidate({ productIds: ['new'], categoryIds: ['cat-b'] });
    expect((await cache.getOrCompute(request('cat-a'), async () => resultWith('p1'))).hit).toBe(true);
    await cache.invalidate({ productIds: ['new'], categoryIds: ['root', 'cat-a'] });
    expect((await cache.getOrCompute(request('cat-a'), async () => resultWith('p1', 'new'))).hit).toBe(false);
  });

  it('never keeps a result computed while its category changed (the version is read before the engine runs)', async () => {
    const cache = cacheOf();
    await cache.getOrCompute(request('cat-a'), async () => {
      await cache.invalidate({ productIds: [], categoryIds: ['cat-a'] });
      return resultWith('stale');
    });
    expect((await cache.getOrCompute(request('cat-a'), async () => resultWith('fresh'))).result.hits[0]!.productId).toBe('fresh');
  });
});

describe('SearchCache without Redis', () => {
  it('searches without the cache when Redis is unreachable', async () => {
    const store = createRedisSearchCacheStore({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 50 });
    const cache = new SearchCache(store, silent);
    const { result, hit } = await cache.getOrCompute(request(), async () => resultWith('p1'));
    expect(hit).toBe(false);
    expect(result.hits).toHaveLength(1);
    await expect(cache.invalidate({ productIds: ['p1'], categoryIds: [] })).rejects.toThrow();
    await store.close();
  });
});
