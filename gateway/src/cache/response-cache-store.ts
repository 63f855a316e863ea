import type { Logger } from '@threadly/logger';
import { MemoryTaggedCache } from './memory-tagged-cache.ts';
import { RedisTaggedCache } from './redis-tagged-cache.ts';
import type { TaggedResponseCache } from './tagged-response-cache.ts';

/** What the gateway keeps whole responses in: keys and serialized responses, each recorded under its entity tags. */
export type ResponseCache = TaggedResponseCache;

export interface ResponseCacheStore {
  cache: ResponseCache;
  backend: 'redis' | 'memory';
  close(): Promise<void>;
}

export interface ResponseCacheStoreOptions {
  /** Shared by every gateway replica; unset keeps responses in this process (embedded mode). */
  redisUrl?: string;
  /** Prepended to every Redis key (default `{threadly:response-cache}:`, always within a hash tag); tests use one per run. */
  keyPrefix?: string;
  logger: Pick<Logger, 'error' | 'info'>;
}

/** Where whole responses are kept: Redis when REDIS_URL is set, an in-process LRU (about 30 MB) otherwise. */
export async function createResponseCacheStore({ redisUrl, keyPrefix, logger }: ResponseCacheStoreOptions): Promise<ResponseCacheStore> {
  if (!redisUrl) {
    logger.info('response cache in process memory (REDIS_URL unset): right for one gateway, not for several replicas');
    const cache = new MemoryTaggedCache();
    return { cache, backend: 'memory', close: () => cache.close() };
  }
  const cache = new RedisTaggedCache({ url: redisUrl, keyPrefix, logger });
  await cache.whenConnected();
  logger.info('response cache in Redis, shared by every gateway replica');
  return { cache, backend: 'redis', close: () => cache.close() };
}
