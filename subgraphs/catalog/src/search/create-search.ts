import type { Logger } from '@threadly/logger';
import type { CatalogPrisma } from '../database.ts';
import { SearchService } from '../services/search.service.ts';
import { MeilisearchEngine, type MeilisearchEngineOptions } from './meilisearch-engine.ts';
import { PostgresSearchEngine } from './postgres-search-engine.ts';
import { createRedisSearchCacheStore } from './redis-search-cache-store.ts';
import { SearchCache } from './search-cache.ts';
import { createMemorySearchCacheStore, type SearchCacheStore } from './search-cache-store.ts';
import type { SearchEngine } from './search-engine.ts';

/** Where catalog searches and caches: Meilisearch with `meilisearch`, else PostgreSQL; Redis with `redisUrl`, else memory. */
export interface CatalogSearchSettings {
  meilisearch?: MeilisearchEngineOptions;
  redisUrl?: string;
  /** Prefix of the Redis cache keys (tests use their own). */
  cacheKeyPrefix?: string;
  /** How long results are cached (default: the search tier, 300 s); 0 turns the cache off (bench/search.ts). */
  cacheTtlSeconds?: number;
}

export interface CatalogSearch {
  engine: SearchEngine;
  cache: SearchCache;
  service: SearchService;
  close(): Promise<void>;
}

export function createSearchEngine(prisma: CatalogPrisma, settings: CatalogSearchSettings): SearchEngine {
  return settings.meilisearch ? new MeilisearchEngine(prisma, settings.meilisearch) : new PostgresSearchEngine(prisma);
}

export function createCatalogSearch(prisma: CatalogPrisma, settings: CatalogSearchSettings, logger: Pick<Logger, 'error'>): CatalogSearch {
  const engine = createSearchEngine(prisma, settings);
  const store: SearchCacheStore = settings.redisUrl
    ? createRedisSearchCacheStore({ url: settings.redisUrl, prefix: settings.cacheKeyPrefix })
    : createMemorySearchCacheStore();
  const cache = new SearchCache(store, logger, settings.cacheTtlSeconds);
  return {
    engine,
    cache,
    service: new SearchService(engine, cache),
    close: async () => {
      await engine.close();
      await store.close();
    },
  };
}
